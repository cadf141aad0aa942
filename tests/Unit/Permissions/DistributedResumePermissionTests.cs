using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SfnResume.GoTo;
using SfnResume.Permissions;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.Permissions
{
    /// <summary>
    /// What the precise GoTo resume of a failed Distributed Map needs of IAM, and what it does without each of
    /// the permissions the catalog calls optional for it: the cmdlets against <see cref="FailedMapRunWorld"/>
    /// (20 items in S3: 3 children failed, 2 aborted, 7 succeeded, 8 never started) behind a policy that
    /// Step Functions and S3 judge as AWS does (<see cref="IamLoopback"/>, <see cref="S3Authorization"/>). The
    /// world's ItemReader reads its bucket and key from the input; the policy is written as for one that names
    /// them, so that each S3 permission is on a resource of its own.
    /// </summary>
    public sealed class DistributedResumePermissionTests : IDisposable
    {
        private readonly FailedMapRunWorld world = new FailedMapRunWorld(items: 20, failed: 3, aborted: 2, succeeded: 7);
        private readonly PowerShellSession session = new PowerShellSession();

        private static readonly ResumePolicy Full = ResumePolicyBuilder.Build(
            new MachineSettings(RedriveServer.MachineArn("Orders"))
            {
                RoleArn = RedriveServer.RoleArn,
                Logs = true,
                LogGroupName = FailedMapRunWorld.LogGroup,
                HasDistributedMap = true,
                ItemsInS3 = true,
                ItemReaderBucket = FailedMapRunWorld.Bucket,
                ItemReaderKey = FailedMapRunWorld.Key,
            },
            new[] { PermissionUse.Analysis, PermissionUse.GoTo, PermissionUse.DistributedMap });

        public void Dispose()
        {
            session.Dispose();
            world.Dispose();
        }

        private static ResumePolicy Without(string action, string resource) => Full.Without(Full.Grants.Single(g => g.Action == action && g.Resource == resource));

        private static readonly string ItemSource = $"arn:aws:s3:::{FailedMapRunWorld.Bucket}/{FailedMapRunWorld.Key}";

        private static readonly string ItemFiles = $"arn:aws:s3:::{FailedMapRunWorld.Bucket}/sfnresume/items/*";

        private static readonly string Children = RedriveServer.Account + ":execution:Orders/*";

        /// <summary>Runs <paramref name="script"/> with the world behind <paramref name="policy"/>.</summary>
        private (PowerShellResult Result, IamLoopback Iam) Run(ResumePolicy policy, string script)
        {
            var iam = new IamLoopback(world.Handle, policy.Document, new Dictionary<string, string>());
            using var endpoint = new LoopbackEndpoint(iam.Handle);
            var result = session.Run(
                "$c = @{ EndpointUrl = $endpoint; Region = 'eu-west-1'; AccessKey = 'AKIDEXAMPLE'; SecretKey = 'secret' }\n" + script,
                new Dictionary<string, object?> { ["endpoint"] = endpoint.Url, ["parent"] = world.ParentArn });
            return (result, iam);
        }

        private static T Property<T>(PSObject item, string name) => (T)item.Properties[name].Value;

        private int Starts => world.Server.Started.Count;

        [Fact]
        public void Under_the_policy_the_precise_resume_writes_its_item_file_and_starts_the_copy_though_S3_hides_a_missing_key_behind_403()
        {
            var (result, iam) = Run(Full, "Invoke-SfnRedrive $parent -Method GoTo -Force @c");

            Assert.Empty(result.Errors);
            var resumed = Assert.Single(result.Output);
            Assert.Equal(("Started", "Precise"), (Property<string>(resumed, "Status"), Property<string>(resumed, "Precision")));
            Assert.Equal(13L, Property<long?>(resumed, "ItemsRunAgainByGoTo"));
            Assert.Equal(1, world.S3.Count("PUT"));
            Assert.Equal(1, Starts);

            // The existence check of the new file: a key that is not there is 403 to a caller without s3:ListBucket,
            // which the policy does not grant; the file is written all the same.
            Assert.Equal(new[] { "s3:ListBucket on arn:aws:s3:::orders" }, iam.Denied.Select(d => d.ToString()));
            Assert.Contains(iam.Allowed, a => a.Action == "s3:GetObject" && a.Resource == ItemSource);
            Assert.Contains(iam.Allowed, a => a.Action == "states:DescribeExecution" && a.Resource.StartsWith(RedriveServer.Account + ":execution:Orders/ProcessOrders:", StringComparison.Ordinal));
        }

        [Fact]
        public void Without_PutObject_the_resume_fails_before_anything_starts_with_AccessDenied_naming_the_file_and_the_permission()
        {
            var (result, iam) = Run(Without("s3:PutObject", ItemFiles), "Invoke-SfnRedrive $parent -Method GoTo -Force @c");

            var error = Assert.Single(result.Errors);
            Assert.True(error.FullyQualifiedErrorId.StartsWith("AccessDeniedException,", StringComparison.Ordinal), error.Exception.Message);
            Assert.StartsWith("AccessDeniedException,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
            var target = Assert.IsType<string>(error.TargetObject);
            Assert.StartsWith("s3://orders/sfnresume/items/", target, StringComparison.Ordinal);
            Assert.Contains(target, error.Exception.Message, StringComparison.Ordinal);
            Assert.Contains("is not authorized to perform: s3:PutObject", error.Exception.Message, StringComparison.Ordinal);
            Assert.Contains("s3:PutObject on arn:aws:s3:::orders/sfnresume/items/*", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
            Assert.Contains("-ItemBucket", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
            Assert.Contains(iam.Denied, d => d.Action == "s3:PutObject");

            // Nothing started, no copy made: the run could not have read its items.
            Assert.Equal(0, Starts);
            Assert.False(world.Server.HasMachine("Orders-goto"));
        }

        [Fact]
        public void Without_GetObject_on_the_items_the_Map_reruns_whole_and_the_PrecisionNote_names_the_refusal()
        {
            var (result, _) = Run(Without("s3:GetObject", ItemSource), "Test-SfnRedrive $parent -Method GoTo @c");

            Assert.Empty(result.Errors);
            var planned = Assert.Single(result.Output);
            Assert.Equal("WholeState", Property<string>(planned, "Precision"));
            Assert.Equal(new[] { PrecisionCodes.ItemSourceNotRead }, Property<IReadOnlyList<string>>(planned, "PrecisionCodes"));
            var note = Property<string>(planned, "PrecisionNote");
            Assert.True(note.Contains("S3 refused", StringComparison.Ordinal), note);
            Assert.Contains($"S3 refused GetObject on s3://{FailedMapRunWorld.Bucket}/{FailedMapRunWorld.Key} (AccessDenied", note, StringComparison.Ordinal);
            Assert.Contains($"is not authorized to perform: s3:GetObject on resource: \"{ItemSource}\"", note, StringComparison.Ordinal);
            Assert.Equal(20L, Property<long?>(planned, "ItemsRunAgainByGoTo"));
            Assert.Contains(result.Warnings, w => w.Contains("'ProcessOrders' re-runs whole, every item", StringComparison.Ordinal));
        }

        [Fact]
        public void Without_DescribeExecution_on_the_children_the_Map_reruns_whole_and_the_PrecisionNote_names_the_refusal()
        {
            var (result, iam) = Run(Without("states:DescribeExecution", Children), "Test-SfnRedrive $parent -Method GoTo @c");

            Assert.Empty(result.Errors);
            var planned = Assert.Single(result.Output);
            Assert.Equal("WholeState", Property<string>(planned, "Precision"));
            Assert.Equal(new[] { PrecisionCodes.ItemsNotMatched }, Property<IReadOnlyList<string>>(planned, "PrecisionCodes"));
            var note = Property<string>(planned, "PrecisionNote");

            // Three in seven succeeded children are read with DescribeExecution, the rest from their first history event.
            Assert.Contains("the inputs of 3 of its 12 child executions were not read", note, StringComparison.Ordinal);
            Assert.Contains("AccessDeniedException: User: ", note, StringComparison.Ordinal);
            Assert.Contains("is not authorized to perform: states:DescribeExecution", note, StringComparison.Ordinal);
            Assert.Equal(3, iam.Denied.Count(d => d.Action == "states:DescribeExecution"));
            Assert.Contains(result.Warnings, w => w.Contains("'ProcessOrders' re-runs whole, every item", StringComparison.Ordinal));
        }

        [Fact]
        public void Without_GetObject_on_the_item_files_each_run_of_the_command_writes_the_file_again()
        {
            const string Twice = "$point = Get-SfnFailurePoint $parent @c; $point | New-SfnGoToStateMachine @c; $point | New-SfnGoToStateMachine @c";
            string[] Writes(ResumePolicy policy)
            {
                var (result, _) = Run(policy, Twice);
                Assert.Empty(result.Errors);
                Assert.DoesNotContain(result.Warnings, w => w.Contains("re-runs whole", StringComparison.Ordinal));
                return result.Output.Select(o => Property<string>(o, "ItemFileWrite")).ToArray();
            }

            Assert.Equal(new[] { "Written", "AlreadyThere" }, Writes(Full));
            Assert.Equal(1, world.S3.Count("PUT"));

            // The same bytes under the same key: written again, not found there.
            Assert.Equal(new[] { "Written", "Written" }, Writes(Without("s3:GetObject", ItemFiles)));
            Assert.Equal(3, world.S3.Count("PUT"));
        }
    }
}
