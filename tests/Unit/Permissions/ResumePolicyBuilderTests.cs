using System;
using System.Collections.Generic;
using System.Linq;
using SfnResume.Aws.Model;
using SfnResume.GoTo;
using SfnResume.Permissions;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.Permissions
{
    /// <summary>The policy writer on its own: what it grants, on what, and that its statements grant exactly its permissions.</summary>
    public sealed class ResumePolicyBuilderTests
    {
        private const string Orders = "arn:aws:states:eu-west-1:123456789012:stateMachine:Orders";
        private const string Role = "arn:aws:iam::123456789012:role/OrdersRole";
        private const string Key = "arn:aws:kms:eu-west-1:123456789012:key/0f2d6a1e-7c3b-4d59-9e8a-5b1c2d3e4f60";
        private const string LogGroup = "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/vendedlogs/states/Orders:*";

        private static readonly PermissionUse[] Everything = Enum.GetValues(typeof(PermissionUse)).Cast<PermissionUse>().ToArray();

        private static ResumePolicy Build(MachineSettings machine, params PermissionUse[] uses) => ResumePolicyBuilder.Build(machine, uses.Length == 0 ? Everything : uses);

        private static MachineSettings Plain() => new MachineSettings(Orders) { RoleArn = Role };

        private static MachineSettings Logged() => new MachineSettings(Orders) { RoleArn = Role, Logs = true, LogGroupName = "/aws/vendedlogs/states/Orders", KmsKeyId = Key };

        [Fact]
        public void Every_resource_is_the_state_machine_its_copy_their_executions_its_role_or_its_key_and_star_only_for_actions_that_take_none()
        {
            var allowed = new[]
            {
                Orders, Orders + ":*", Orders + "-goto", "arn:aws:states:eu-west-1:123456789012:execution:Orders:*", "arn:aws:states:eu-west-1:123456789012:execution:Orders-goto:*", Role, Key, LogGroup,

                // Its Map Runs and their child executions (every use is asked for, DistributedMap with them).
                "arn:aws:states:eu-west-1:123456789012:mapRun:Orders/*", "arn:aws:states:eu-west-1:123456789012:execution:Orders/*",

                // Its Map's items and the files of items to re-run: offline, in a bucket not known.
                "arn:aws:s3:::*/*", "arn:aws:s3:::*/sfnresume/items/*",
            };

            var policy = Build(Logged());

            Assert.All(policy.Grants.Where(g => g.Resource != "*"), g => Assert.Contains(g.Resource, allowed));
            Assert.All(policy.Grants.Where(g => g.Resource == "*"), g => Assert.True(g.Action == "states:TestState" || g.Action == "states:ListStateMachines" || g.Action.StartsWith("logs:", StringComparison.Ordinal), $"{g} is granted on *"));
            Assert.Equal("states.amazonaws.com", Assert.Single(policy.Grants, g => g.Action == "iam:PassRole").Condition.Single(c => c.Key == "iam:PassedToService").Value.Single());
        }

        [Fact]
        public void Analysis_grants_nothing_that_changes_anything()
        {
            var actions = Build(Logged(), PermissionUse.Analysis).Grants.Select(g => g.Action).Distinct().ToList();

            Assert.All(actions, a => Assert.Matches("^(states:(List|Describe|Get)[A-Za-z]+|kms:Decrypt)$", a));
            Assert.Contains("states:GetExecutionHistory", actions);
        }

        [Fact]
        public void Logging_and_key_permissions_come_with_those_settings_only()
        {
            var plain = Build(Plain()).Grants.Select(g => g.Action).ToList();
            var logged = Build(Logged(), Everything.Where(u => u != PermissionUse.ExpressLogs && u != PermissionUse.DistributedMap).ToArray()).Grants.Select(g => g.Action).ToList();

            Assert.DoesNotContain(plain, a => a.StartsWith("logs:", StringComparison.Ordinal) || a.StartsWith("kms:", StringComparison.Ordinal));
            Assert.Equal(8, logged.Count(a => a.StartsWith("logs:", StringComparison.Ordinal)));
            Assert.DoesNotContain("logs:FilterLogEvents", logged);
            Assert.Contains("kms:Decrypt", logged);
            Assert.Contains("kms:GenerateDataKey", logged);
        }

        [Fact]
        public void Reading_Express_executions_grants_the_state_machines_own_log_group_and_star_only_where_AWS_takes_no_resource()
        {
            var express = new MachineSettings(Orders) { Logs = true, LogGroupName = "/aws/vendedlogs/states/Orders", Type = "EXPRESS" };

            var policy = ResumePolicyBuilder.Build(express, new[] { PermissionUse.ExpressLogs });
            var logs = policy.Grants.Where(g => g.Action.StartsWith("logs:", StringComparison.Ordinal)).Select(g => $"{g.Action} {g.Resource}").OrderBy(g => g, StringComparer.Ordinal);

            Assert.Equal(new[] { "logs:DescribeLogGroups *", "logs:FilterLogEvents " + LogGroup, "logs:GetQueryResults *", "logs:StartQuery " + LogGroup }, logs);

            // Reading changes nothing: no log delivery, no copy; and an Express state machine's default policy reads its logs.
            Assert.DoesNotContain(policy.Grants, g => g.Action == "logs:CreateLogDelivery" || g.Action == "states:CreateStateMachine");
            Assert.Contains(PermissionUse.ExpressLogs, ResumePolicyBuilder.DefaultUses(express));
            Assert.DoesNotContain(PermissionUse.ExpressLogs, ResumePolicyBuilder.DefaultUses(Plain()));
        }

        [Fact]
        public void A_Distributed_Map_reads_its_Express_childrens_records_in_the_log_group_of_a_machine_that_logs()
        {
            var logged = new MachineSettings(Orders) { Logs = true, LogGroupName = "/aws/vendedlogs/states/Orders" };

            var reading = ResumePolicyBuilder.Build(logged, new[] { PermissionUse.DistributedMap }).Grants.Where(g => g.Action.StartsWith("logs:", StringComparison.Ordinal)).Select(g => $"{g.Action} {g.Resource}");
            var silent = ResumePolicyBuilder.Build(Plain(), new[] { PermissionUse.DistributedMap }).Grants;

            Assert.Equal(new[] { "logs:FilterLogEvents " + LogGroup }, reading);
            Assert.DoesNotContain(silent, g => g.Action.StartsWith("logs:", StringComparison.Ordinal));
        }

        [Fact]
        public void A_log_group_not_known_is_any_of_the_accounts_in_the_region_and_said_so()
        {
            var offline = ResumePolicyBuilder.Build(new MachineSettings(Orders) { Logs = true }, new[] { PermissionUse.ExpressLogs });

            Assert.Equal("arn:aws:logs:eu-west-1:123456789012:log-group:*", offline.Grants.Single(g => g.Action == "logs:FilterLogEvents").Resource);
            Assert.Contains(offline.Notes, n => n.Contains("log group of 'Orders' is not known", StringComparison.Ordinal));

            // A state machine that does not log has no log group to read: nothing of it is granted.
            var silent = ResumePolicyBuilder.Build(Plain(), new[] { PermissionUse.ExpressLogs });
            Assert.DoesNotContain(silent.Grants, g => g.Action.StartsWith("logs:", StringComparison.Ordinal));
            Assert.Contains(silent.Notes, n => n.Contains("no log group to read", StringComparison.Ordinal));
        }

        [Fact]
        public void The_key_is_used_through_Step_Functions_for_the_state_machines_and_its_copys_data_only()
        {
            var decrypt = Build(Logged()).Grants.Single(g => g.Action == "kms:Decrypt");

            Assert.Equal(Key, decrypt.Resource);
            Assert.Equal(new[] { Orders, Orders + "-goto" }, decrypt.Condition.Single(c => c.Key == "kms:EncryptionContext:aws:states:stateMachineArn").Value);
            Assert.Equal(new[] { "states.eu-west-1.amazonaws.com" }, decrypt.Condition.Single(c => c.Key == "kms:ViaService").Value);
        }

        [Fact]
        public void A_key_named_by_an_alias_is_any_key_of_the_account_narrowed_by_the_context_and_said_so()
        {
            var byAlias = Build(new MachineSettings(Orders) { RoleArn = Role, KmsKeyId = "alias/orders" });
            var byId = Build(new MachineSettings(Orders) { RoleArn = Role, KmsKeyId = "0f2d6a1e-7c3b-4d59-9e8a-5b1c2d3e4f60" });

            Assert.Equal("arn:aws:kms:eu-west-1:123456789012:key/*", byAlias.Grants.First(g => g.Action == "kms:Decrypt").Resource);
            Assert.Contains(byAlias.Notes, n => n.Contains("alias/orders", StringComparison.Ordinal));
            Assert.Equal(Key, byId.Grants.First(g => g.Action == "kms:Decrypt").Resource);
            Assert.DoesNotContain(byId.Notes, n => n.Contains("alias", StringComparison.Ordinal));
        }

        [Fact]
        public void A_long_name_gets_the_copy_name_GoTo_copies_are_given_and_a_version_names_its_state_machine()
        {
            var name = new string('a', 78);
            var arn = "arn:aws:states:eu-west-1:123456789012:stateMachine:" + name;

            var policy = Build(new MachineSettings(arn + ":3") { RoleArn = Role });

            Assert.Equal(arn, policy.StateMachineArn);
            Assert.Contains(policy.Grants, g => g.Action == "states:CreateStateMachine" && g.Resource == GoToCopyNames.ArnFor(arn));
            Assert.True(GoToCopyNames.NameFor(name).Length <= 80);
        }

        [Fact]
        public void The_same_state_machine_and_uses_give_the_same_document()
        {
            Assert.Equal(Build(Logged()).Document, Build(Logged()).Document);
            Assert.DoesNotContain("\r", Build(Logged()).Document, StringComparison.Ordinal);
        }

        [Fact]
        public void A_policy_without_one_permission_still_grants_every_other_and_not_that_one()
        {
            var full = Build(Logged());
            foreach (var left in full.Grants)
            {
                var without = IamPolicy.Parse(full.Without(left).Document);
                foreach (var grant in full.Grants)
                {
                    var expected = !ReferenceEquals(grant, left);
                    Assert.True(expected == without.Allows(grant.Action, Concrete(grant.Resource), ContextOf(grant)), $"without {left}: {grant} {(expected ? "refused" : "allowed")}");
                }
            }
        }

        [Fact]
        public void The_settings_are_read_from_DescribeStateMachine()
        {
            var described = new DescribeStateMachineResponse
            {
                StateMachineArn = Orders,
                Name = "Orders",
                RoleArn = Role,
                Type = "EXPRESS",
                Definition = @"{ ""StartAt"": ""M"", ""States"": { ""M"": { ""Type"": ""Map"", ""ItemProcessor"": { ""ProcessorConfig"": { ""Mode"": ""DISTRIBUTED"", ""ExecutionType"": ""STANDARD"" }, ""StartAt"": ""P"", ""States"": { ""P"": { ""Type"": ""Pass"", ""End"": true } } }, ""End"": true } } }",
                LoggingConfiguration = new LoggingConfiguration { Level = "OFF", Destinations = new List<LogDestination> { new LogDestination() } },
                EncryptionConfiguration = new EncryptionConfiguration { Type = "AWS_OWNED_KEY" },
            };

            var machine = MachineSettings.From(described);
            var notes = Build(machine).Notes;

            Assert.Equal(Role, machine.RoleArn);
            Assert.False(machine.Logs);
            Assert.Null(machine.KmsKeyId);
            Assert.True(machine.HasDistributedMap);
            Assert.Contains(notes, n => n.Contains("Express", StringComparison.Ordinal));
            Assert.Contains(notes, n => n.Contains("states:RedriveExecution on 'arn:aws:states:eu-west-1:123456789012:execution:Orders/*'", StringComparison.Ordinal));
            Assert.Contains(notes, n => n.Contains("states:StartExecution on '" + Orders + "-goto'", StringComparison.Ordinal));
        }

        /// <summary>A Distributed Map over a JSON file in S3, its ItemReader's Parameters as given (or another reader, or none).</summary>
        private static MachineSettings DistributedOver(string readerParameters, string? reader = null) => MachineSettings.From(new DescribeStateMachineResponse
        {
            StateMachineArn = Orders,
            Name = "Orders",
            RoleArn = Role,
            Type = "STANDARD",
            Definition = @"{ ""StartAt"": ""M"", ""States"": { ""M"": { ""Type"": ""Map"", "
                + (reader ?? @"""ItemReader"": { ""Resource"": ""arn:aws:states:::s3:getObject"", ""ReaderConfig"": { ""InputType"": ""JSON"" }, ""Parameters"": " + readerParameters + " }, ")
                + @"""ItemProcessor"": { ""ProcessorConfig"": { ""Mode"": ""DISTRIBUTED"", ""ExecutionType"": ""STANDARD"" }, ""StartAt"": ""P"", ""States"": { ""P"": { ""Type"": ""Pass"", ""End"": true } } }, ""End"": true } } }",
        });

        private static IEnumerable<string> S3Grants(ResumePolicy policy) => policy.Grants.Where(g => g.Action.StartsWith("s3:", StringComparison.Ordinal)).Select(g => $"{g.Action} {g.Resource} {g.Need}").OrderBy(g => g, StringComparer.Ordinal);

        [Fact]
        public void A_Distributed_Map_whose_ItemReader_names_its_object_is_granted_that_object_and_the_item_files_in_its_bucket()
        {
            var policy = ResumePolicyBuilder.Build(DistributedOver(@"{ ""Bucket"": ""orders"", ""Key"": ""2026-12-04/orders.json"" }"), uses: null);

            Assert.Equal(
                new[]
                {
                    "s3:GetObject arn:aws:s3:::orders/2026-12-04/orders.json Improves",
                    "s3:GetObject arn:aws:s3:::orders/sfnresume/items/* Improves",
                    "s3:PutObject arn:aws:s3:::orders/sfnresume/items/* Required",
                },
                S3Grants(policy));
            Assert.DoesNotContain(policy.Notes, n => n.Contains("does not name", StringComparison.Ordinal) || n.Contains("the bucket the resume is given for it, as", StringComparison.Ordinal));

            // The copy's Map reads the file with the state machine's role: what the role needs is said, as the policy cannot grant it.
            Assert.Contains(policy.Notes, n => n.Contains("state machine's role, which needs s3:GetObject on 'arn:aws:s3:::orders/sfnresume/items/*'", StringComparison.Ordinal));

            // The children's inputs: DescribeExecution on them, beside the drill-down's calls.
            Assert.Equal(PermissionNeed.Improves, policy.Grants.Single(g => g.Action == "states:DescribeExecution" && g.Resource.EndsWith(":execution:Orders/*", StringComparison.Ordinal)).Need);
        }

        [Fact]
        public void A_bucket_and_key_read_from_the_input_are_stars_and_the_notes_say_why_and_where_ItemBucket_goes()
        {
            var fromInput = ResumePolicyBuilder.Build(DistributedOver(@"{ ""Bucket.$"": ""$.Bucket"", ""Key.$"": ""$.Key"" }"), uses: null);
            var keyFromInput = ResumePolicyBuilder.Build(DistributedOver(@"{ ""Bucket"": ""orders"", ""Key.$"": ""$.Key"" }"), uses: null);
            var itemsFromInput = ResumePolicyBuilder.Build(DistributedOver(string.Empty, reader: string.Empty), uses: null);

            // Reading any object covers reading the item files: granted once.
            Assert.Equal(new[] { "s3:GetObject arn:aws:s3:::*/* Improves", "s3:PutObject arn:aws:s3:::*/sfnresume/items/* Required" }, S3Grants(fromInput));
            Assert.Equal(2, fromInput.Grants.Single(g => g.Action == "s3:GetObject").Entries.Count);
            Assert.Contains(fromInput.Notes, n => n.Contains("does not name its bucket and key in the definition (it reads them from the input", StringComparison.Ordinal));
            Assert.Contains(fromInput.Notes, n => n.Contains("goes to the bucket the resume is given for it", StringComparison.Ordinal) && n.Contains("arn:aws:s3:::*/sfnresume/items/*", StringComparison.Ordinal));
            Assert.Equal(new[] { "s3:GetObject arn:aws:s3:::orders/* Improves", "s3:PutObject arn:aws:s3:::orders/sfnresume/items/* Required" }, S3Grants(keyFromInput));

            // Items from the Map's input: nothing of S3 is read, and the file of items to re-run goes to -ItemBucket's bucket.
            Assert.Equal(new[] { "s3:GetObject arn:aws:s3:::*/sfnresume/items/* Improves", "s3:PutObject arn:aws:s3:::*/sfnresume/items/* Required" }, S3Grants(itemsFromInput));
        }

        [Fact]
        public void The_DistributedMap_use_asked_for_by_name_is_granted_when_the_definition_is_not_known()
        {
            // Offline nothing says the machine has a Distributed Map; asked for, the use must not come out empty.
            var offline = Build(Plain(), PermissionUse.DistributedMap);

            Assert.Contains(offline.Grants, g => g.Action == "states:DescribeMapRun");
            Assert.Contains(offline.Grants, g => g.Action == "states:GetExecutionHistory" && g.Resource.EndsWith(":execution:Orders/*", StringComparison.Ordinal));
        }

        [Fact]
        public void Cleaning_up_may_delete_the_copy_and_nothing_else_and_reads_only_the_copy_beyond_the_listing()
        {
            var analysis = Build(Plain(), PermissionUse.Analysis).Grants.Select(g => g.ToString()).ToList();
            var cleanUp = Build(Plain(), PermissionUse.CleanUp).Grants.Select(g => g.ToString()).Except(analysis).ToList();

            Assert.Equal(
                new[]
                {
                    "states:DeleteStateMachine on " + Orders + "-goto",
                    "states:DescribeStateMachine on " + Orders + "-goto",
                    "states:ListExecutions on " + Orders + "-goto",
                    "states:ListStateMachines on *",
                    "states:ListTagsForResource on " + Orders + "-goto",
                },
                cleanUp.OrderBy(g => g, StringComparer.Ordinal));
            Assert.DoesNotContain(Build(Logged()).Grants, g => g.Action == "states:DeleteStateMachine" && g.Resource != Orders + "-goto");
        }

        [Fact]
        public void A_permission_two_uses_need_is_granted_once_and_required_if_either_requires_it()
        {
            var goTo = Build(Plain(), PermissionUse.GoTo).Grants.Single(g => g.ToString() == "states:ListExecutions on " + Orders + "-goto");
            var both = Build(Plain(), PermissionUse.GoTo, PermissionUse.CleanUp).Grants.Where(g => g.ToString() == "states:ListExecutions on " + Orders + "-goto").ToList();

            Assert.Equal(PermissionNeed.Improves, goTo.Need);
            Assert.Equal(PermissionNeed.Required, Assert.Single(both).Need);
            Assert.Equal(new[] { "Get-SfnGoToStateMachine", "Invoke-SfnRedrive", "Remove-SfnGoToStateMachine" }, both[0].Commands.OrderBy(c => c, StringComparer.Ordinal));
        }

        [Fact]
        public void A_resume_ready_state_machine_is_resumed_on_itself_by_default_with_no_copy_and_no_role_passed()
        {
            var ready = ResumePolicyBuilder.Build(new MachineSettings(Orders) { ResumeReady = true }, uses: null);
            var plain = ResumePolicyBuilder.Build(new MachineSettings(Orders) { RoleArn = Role, ResumeReady = false }, uses: null);

            Assert.Equal(new[] { "Analysis", "Redrive", "Preflight", "OnMachine" }, ready.Uses);
            Assert.DoesNotContain(ready.Grants, g => g.Action == "states:CreateStateMachine" || g.Action == "iam:PassRole" || g.Resource.Contains("-goto", StringComparison.Ordinal));
            Assert.Equal(new[] { Orders, Orders + ":*" }, ready.Grants.Where(g => g.Action == "states:StartExecution").Select(g => g.Resource));
            Assert.Contains(ready.Notes, n => n.Contains("resume-ready", StringComparison.Ordinal) && n.Contains("GoTo use", StringComparison.Ordinal));
            Assert.Equal(new[] { "Analysis", "Redrive", "GoTo", "Preflight", "CleanUp" }, plain.Uses);
            Assert.Contains(ResumePolicyBuilder.Build(new MachineSettings(Orders) { ResumeReady = false }, new[] { PermissionUse.OnMachine }).Notes, n => n.Contains("does not run a current resume-ready definition", StringComparison.Ordinal));
        }

        [Fact]
        public void The_GoTo_use_without_the_role_is_refused()
        {
            Assert.Throws<ArgumentException>(() => Build(new MachineSettings(Orders), PermissionUse.GoTo));
            Assert.DoesNotContain(Build(new MachineSettings(Orders), PermissionUse.Analysis, PermissionUse.Redrive).Grants, g => g.Action == "iam:PassRole");
        }

        /// <summary>A request's resource that the grant's pattern stands for.</summary>
        private static string Concrete(string resource) => resource == "*" ? "*" : resource.Replace("*", "run-1", StringComparison.Ordinal);

        private static IReadOnlyDictionary<string, string> ContextOf(PolicyGrant grant) => grant.Condition.ToDictionary(c => c.Key, c => c.Value[0]);
    }
}
