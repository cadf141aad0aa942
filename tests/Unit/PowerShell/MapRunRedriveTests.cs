using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.PowerShell
{
    /// <summary>
    /// Native first for a failed Distributed Map: a redrive of the parent redrives its Map Run, and the plan says
    /// what each path runs again, against the loopback Step Functions that keeps execution state.
    /// </summary>
    public sealed class MapRunRedriveTests : IDisposable
    {
        private static readonly DateTime Now = DateTime.UtcNow;
        private static readonly string MapRunArn = $"{RedriveServer.Account}:mapRun:Orders/ProcessOrders:8f2c1b9e";

        private readonly RedriveServer server = new RedriveServer();
        private readonly LoopbackEndpoint endpoint;
        private readonly PowerShellSession session = new PowerShellSession();
        private readonly string parent;

        public MapRunRedriveTests()
        {
            server.AddMachine("Orders", FailedMapRunScenario.ParentDefinition, Now.AddDays(-30));
            parent = server.AddExecution("Orders", "nightly", Now.AddDays(-1).AddHours(-1), Now.AddDays(-1), FailedMapRunScenario.ParentHistory(MapRunArn));
            var description = FailedMapRunScenario.Description(items: 10000, failed: 51, aborted: 100, succeeded: 4000);
            description["mapRunArn"] = MapRunArn;
            description["executionArn"] = parent;
            server.AddMapRun(MapRunArn, JsonSerializer.Serialize(description));
            endpoint = new LoopbackEndpoint(server.Handle);
        }

        public void Dispose()
        {
            session.Dispose();
            endpoint.Dispose();
        }

        private PowerShellResult Run(string script) => session.Run(
            "$c = @{ EndpointUrl = $endpoint; Region = 'eu-west-1'; AccessKey = 'AKIDEXAMPLE'; SecretKey = 'secret' }\n" + script,
            new Dictionary<string, object?> { ["endpoint"] = endpoint.Url, ["parent"] = parent });

        private static T Property<T>(PSObject item, string name) => (T)item.Properties[name].Value;

        [Fact]
        public void A_parent_eligible_for_redrive_is_redriven_once_which_redrives_its_map_run_and_says_what_runs_again()
        {
            var result = Run("Invoke-SfnRedrive $parent -Force @c");

            Assert.Empty(result.Errors);
            var redriven = Assert.Single(result.Output);
            Assert.Equal("Redrive", Property<string>(redriven, "Method"));
            Assert.Equal("Started", Property<string>(redriven, "Status"));
            Assert.Equal(new[] { "MapRunRedrive" }, Property<IReadOnlyList<string>>(redriven, "ReasonCodes"));
            Assert.Contains("runs again the 6,000 of 10,000 items that did not succeed (51 failed, 0 timed out, 100 aborted, 5,849 never started), and not the 4,000 that succeeded", Property<string>(redriven, "Reason"));
            Assert.Equal(6000L, Property<long?>(redriven, "ItemsRunAgainByRedrive"));

            // One RedriveExecution, of the parent; nothing else changed.
            var redrive = Assert.Single(endpoint.Requests, r => r.Operation == "RedriveExecution");
            Assert.Equal(parent, JsonDocument.Parse(redrive.Body).RootElement.GetProperty("executionArn").GetString());
            Assert.Equal(0, endpoint.Count("StartExecution") + endpoint.Count("CreateStateMachine") + endpoint.Count("UpdateStateMachine") + endpoint.Count("DeleteStateMachine"));
            Assert.Equal(new Dictionary<string, int> { [parent] = 1 }, server.Redrives);
        }

        [Fact]
        public void The_plan_shows_per_parent_how_many_items_each_path_would_run_again_and_changes_nothing()
        {
            var result = Run("Test-SfnRedrive $parent @c");

            Assert.Empty(result.Errors);
            var plan = Assert.Single(result.Output);
            Assert.Equal("Planned", Property<string>(plan, "Status"));
            Assert.Equal("Redrive", Property<string>(plan, "Method"));
            Assert.Equal(6000L, Property<long?>(plan, "ItemsRunAgainByRedrive"));
            Assert.Equal(10000L, Property<long?>(plan, "ItemsRunAgainByGoTo"));
            Assert.Contains("A GoTo copy would read the Map Run for the same (the GoTo method shows how many), or run all 10,000 again where it cannot.", Property<string>(plan, "Reason"));
            Assert.Equal(0, endpoint.Count("RedriveExecution") + endpoint.Count("StartExecution") + endpoint.Count("CreateStateMachine"));
        }

        [Fact]
        public void The_GoTo_path_without_the_Maps_items_runs_every_item_again_and_says_so_in_its_precision_note_and_a_warning()
        {
            var result = Run("Test-SfnRedrive $parent -Method GoTo @c");

            Assert.Empty(result.Errors);
            var plan = Assert.Single(result.Output);
            Assert.Equal("GoTo", Property<string>(plan, "Method"));
            Assert.Equal("ProcessOrders", Property<string>(plan, "ResumeState"));
            Assert.Equal("WholeState", Property<string>(plan, "Precision"));
            // This endpoint holds no item file (DistributedResumeCmdletTests has the one that does): the copy runs the whole Map again, and says why.
            Assert.Contains("'ProcessOrders' re-runs whole, every item: its items could not be read", Property<string>(plan, "PrecisionNote"));
            Assert.Equal(new[] { "ItemSourceNotRead" }, Property<IReadOnlyList<string>>(plan, "PrecisionCodes"));
            Assert.Equal(10000L, Property<long?>(plan, "ItemsRunAgainByGoTo"));
            Assert.Equal(6000L, Property<long?>(plan, "ItemsRunAgainByRedrive"));
            Assert.Contains(result.Warnings, w => w.Contains("'ProcessOrders' re-runs whole"));
        }
    }
}
