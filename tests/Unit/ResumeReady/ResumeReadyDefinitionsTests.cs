using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using SfnResume.Definitions;
using SfnResume.GoTo;
using SfnResume.ResumeReady;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.ResumeReady
{
    /// <summary>The resume-ready form of every recorded definition, as a team's IaC would deploy it and a pipeline would check it.</summary>
    public sealed class ResumeReadyDefinitionsTests
    {
        private static string Sorted(string json) => SortedNode(JsonNode.Parse(json)!)!.ToJsonString();

        /// <summary>Every object's members in name order, compact: how Terraform's jsonencode writes a definition.</summary>
        private static JsonNode? SortedNode(JsonNode? node) => node switch
        {
            JsonObject o => new JsonObject(o.OrderBy(m => m.Key, System.StringComparer.Ordinal).Select(m => new System.Collections.Generic.KeyValuePair<string, JsonNode?>(m.Key, SortedNode(m.Value)))),
            JsonArray a => new JsonArray(a.Select(SortedNode).ToArray()),
            _ => node?.DeepClone(),
        };

        [Fact]
        public void Every_recorded_definition_gives_the_same_bytes_every_time_and_is_recognised_as_current_however_it_is_written_back()
        {
            var files = DefinitionFixtures.Rewritable();
            Assert.NotEmpty(files);
            foreach (var file in files)
            {
                var original = File.ReadAllText(file);
                var ready = ResumeReadyDefinitions.Make(original);

                Assert.Equal(ready, ResumeReadyDefinitions.Make(original));

                // As deployed from the file, and with every object's members sorted (Terraform's jsonencode): a
                // pipeline that gives the source always knows; read back alone, the original's order inside a
                // Parallel or Map is lost with sorted members, so only a definition without those is recognised then.
                var twinless = new GoToRewriter().Rewrite(original).Twins.Count == 0;
                foreach (var (deployed, source) in new[] { (ready, original), (ready, null), (Sorted(ready), original), (Sorted(ready), twinless ? null : original) })
                {
                    var found = ResumeReadyDefinitions.Inspect(deployed, source);
                    Assert.True(found.Status == ResumeReadyStatus.Current, $"{Path.GetFileName(file)}: {found.Status}: {found.Reason}");
                    Assert.True(JsonNode.DeepEquals(JsonNode.Parse(original), JsonNode.Parse(found.Original!)), $"{Path.GetFileName(file)}: the original read back differs");
                    Assert.True(found.CanResumeOnMachine);
                }
            }
        }

        [Fact]
        public void A_source_changed_since_the_deployment_is_out_of_date()
        {
            var original = File.ReadAllText(DefinitionFixtures.Rewritable()[0]);
            var deployed = ResumeReadyDefinitions.Make(original);
            var changed = JsonNode.Parse(original)!.AsObject();
            changed["Comment"] = "the fix, not deployed yet";

            var found = ResumeReadyDefinitions.Inspect(deployed, source: changed.ToJsonString());

            Assert.Equal(ResumeReadyStatus.OutOfDate, found.Status);
            Assert.Contains("the source changed since", found.Reason);
            Assert.Equal(ResumeReadyStatus.Current, ResumeReadyDefinitions.Inspect(ResumeReadyDefinitions.Make(changed.ToJsonString()), changed.ToJsonString()).Status);
        }

        [Fact]
        public void Broken_JSON_is_said_with_its_line_and_column_counted_from_one_as_an_editor_counts_them()
        {
            var error = Assert.Throws<SfnResume.Definitions.DefinitionFormatException>(() => ResumeReadyDefinitions.Make("{\n  \"StartAt\": ,\n}"));

            Assert.StartsWith("The definition is not valid JSON: line 2, column 14:", error.Message);
            Assert.DoesNotContain("BytePositionInLine", error.Message);
        }

        [Fact]
        public void An_entry_whose_Default_was_edited_to_no_state_is_stale_not_an_ordinary_definition()
        {
            var original = File.ReadAllText(DefinitionFixtures.Rewritable()[0]);
            var deployed = JsonNode.Parse(ResumeReadyDefinitions.Make(original))!.AsObject();
            var entry = deployed["States"]![deployed["StartAt"]!.GetValue<string>()]!.AsObject();
            entry["Default"] = "Renamed start";

            var found = ResumeReadyDefinitions.Inspect(deployed.ToJsonString());

            Assert.Equal(ResumeReadyStatus.Stale, found.Status);
            Assert.Contains("'Renamed start', names no state of it", found.Reason);
            Assert.False(found.CanResumeOnMachine);
        }

        [Fact]
        public void A_resume_ready_definition_whose_added_states_were_edited_is_stale_and_an_ordinary_one_is_not_resume_ready()
        {
            var original = File.ReadAllText(DefinitionFixtures.Rewritable()[0]);
            var deployed = JsonNode.Parse(ResumeReadyDefinitions.Make(original))!.AsObject();
            var entry = deployed["States"]![deployed["StartAt"]!.GetValue<string>()]!.AsObject();
            entry["Comment"] = entry["Comment"]!.GetValue<string>() + " (edited)";

            Assert.Equal(ResumeReadyStatus.Stale, ResumeReadyDefinitions.Inspect(deployed.ToJsonString()).Status);
            var ordinary = ResumeReadyDefinitions.Inspect(original);
            Assert.Equal(ResumeReadyStatus.NotResumeReady, ordinary.Status);
            Assert.False(ordinary.CanResumeOnMachine);
        }

        [Fact]
        public void Making_the_form_of_a_resume_ready_definition_again_is_refused_with_what_to_do()
        {
            var ready = ResumeReadyDefinitions.Make(File.ReadAllText(DefinitionFixtures.Rewritable()[0]));

            var refused = Assert.Throws<DefinitionFormatException>(() => ResumeReadyDefinitions.Make(ready));

            Assert.Contains("from the original definition", refused.Message);
        }
    }
}
