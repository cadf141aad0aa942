using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using SfnResume.GoTo;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.PowerShell
{
    /// <summary>
    /// The precise resume of a failed Distributed Map through New-SfnGoToStateMachine for the item sources and
    /// settings users have beside the S3 JSON file of the acceptance scenario (<see cref="DistributedResumeCmdletTests"/>):
    /// items from the input (ItemsPath), an ItemSelector, a ResultWriter, and a CSV file. Each either resumes
    /// precisely, proved by feeding the item file it wrote through the copy's Map under the interpreter, or
    /// re-runs the Map whole and says why. 300 items: 5 failed at their second state, 10 aborted in their
    /// first, 120 succeeded, 165 never started.
    /// </summary>
    public sealed class DistributedResumeVariantTests : IDisposable
    {
        private readonly PowerShellSession session = new PowerShellSession();

        public void Dispose() => session.Dispose();

        private static FailedMapRunWorld World(FailedMapRunVariant variant) => new FailedMapRunWorld(items: 300, failed: 5, aborted: 10, succeeded: 120, variant: variant);

        private PowerShellResult Resume(FailedMapRunWorld world, string parameters = "") => session.Run(
            "Get-SfnFailurePoint $parent @c | New-SfnGoToStateMachine @c " + parameters,
            new Dictionary<string, object?>
            {
                ["parent"] = world.ParentArn,
                ["c"] = new System.Collections.Hashtable { ["EndpointUrl"] = world.Endpoint.Url, ["Region"] = "eu-west-1", ["AccessKey"] = "AKIDEXAMPLE", ["SecretKey"] = "secret" },
            });

        private static T Property<T>(PSObject item, string name) => (T)item.Properties[name].Value;

        /// <summary>Starts the copy the way the cmdlet would, and runs the item file it wrote through the copy's Map.</summary>
        private static void AssertPrecise(FailedMapRunWorld world, PSObject copy, string bucket)
        {
            Assert.Equal("Precise", Property<string>(copy, "Precision"));
            Assert.Equal(180L, Property<long?>(copy, "ItemsRunAgain"));
            Assert.Equal("Written", Property<string>(copy, "ItemFileWrite"));
            var key = Assert.Single(world.S3.Keys(bucket), k => k.StartsWith("sfnresume/items/", StringComparison.Ordinal));
            Assert.Equal($"s3://{bucket}/{key}", Property<string>(copy, "ItemFile"));
            MapRunReplayAssert.OnlyUnfinishedRan(world, world.RunItemFile(Property<string>(copy, "Definition"), Property<string>(copy, "Input"), world.S3.Get(bucket, key)!));
        }

        [Fact]
        public void Items_from_the_input_resume_precisely_into_the_bucket_named_and_say_why_not_without_one()
        {
            using var world = World(FailedMapRunVariant.ItemsPath);

            var unnamed = Resume(world);
            var writtenUnnamed = world.S3.Count("PUT");
            var named = Resume(world, "-ItemBucket resume-items");

            Assert.Empty(unnamed.Errors.Concat(named.Errors));
            var whole = Assert.Single(unnamed.Output);
            Assert.Equal("WholeState", Property<string>(whole, "Precision"));
            Assert.Equal(new[] { PrecisionCodes.NoItemBucket }, Property<IReadOnlyList<string>>(whole, "PrecisionCodes"));
            Assert.Contains(unnamed.Warnings, w => w.Contains("'ProcessOrders' re-runs whole, every item: no bucket was named", StringComparison.Ordinal));
            Assert.Equal(0, writtenUnnamed);

            var copy = Assert.Single(named.Output);
            AssertPrecise(world, copy, "resume-items");

            // Its ResultPath puts the output array in the input: the array holds the re-run items' results only, and says so.
            Assert.Equal(new[] { PrecisionCodes.PartialResult }, Property<IReadOnlyList<string>>(copy, "PrecisionCodes"));
            Assert.Contains("180 results of the items that ran again, in item order", Property<string>(copy, "MapResult"));

            // The items came from the parent's own history: S3 was only written, never read.
            Assert.True(world.S3.Count("GET") == 0, string.Join("\n", world.S3.Requests.Select(r => r.Method + " " + r.Path)));
        }

        [Fact]
        public void An_ItemSelector_resumes_precisely_and_never_started_items_get_what_the_selector_makes()
        {
            using var world = World(FailedMapRunVariant.ItemSelector);

            var result = Resume(world);

            Assert.Empty(result.Errors);
            AssertPrecise(world, Assert.Single(result.Output), FailedMapRunWorld.Bucket);
        }

        [Fact]
        public void A_ResultWriter_resumes_precisely_and_says_its_files_hold_only_the_items_that_ran_again()
        {
            using var world = World(FailedMapRunVariant.ResultWriter);

            var result = Resume(world);

            Assert.Empty(result.Errors);
            var copy = Assert.Single(result.Output);
            AssertPrecise(world, copy, FailedMapRunWorld.Bucket);
            Assert.Equal(new[] { PrecisionCodes.PartialResult }, Property<IReadOnlyList<string>>(copy, "PrecisionCodes"));
            var said = Property<string>(copy, "MapResult");
            Assert.Contains("new manifest", said);
            Assert.Contains("180 items that ran again", said);
            Assert.Contains(result.Warnings, w => w.Contains("'ProcessOrders'", StringComparison.Ordinal));
        }

        [Fact]
        public void A_CSV_file_re_runs_the_Map_whole_and_says_why_without_reading_a_child()
        {
            using var world = World(FailedMapRunVariant.Csv);

            var result = Resume(world);

            Assert.Empty(result.Errors);
            var copy = Assert.Single(result.Output);
            Assert.Equal("WholeState", Property<string>(copy, "Precision"));
            Assert.Equal(new[] { PrecisionCodes.ItemSourceNotRead }, Property<IReadOnlyList<string>>(copy, "PrecisionCodes"));
            Assert.Contains("a CSV file", Property<string>(copy, "PrecisionNote"));
            Assert.Contains(result.Warnings, w => w.Contains("'ProcessOrders' re-runs whole, every item", StringComparison.Ordinal));
            Assert.Equal(0, world.S3.Count("PUT") + world.S3.Count("GET"));
            Assert.Equal(0, world.Endpoint.Requests.Count(r => r.Operation == "ListExecutions" && r.Body.Contains("mapRunArn", StringComparison.Ordinal)));
        }
    }
}
