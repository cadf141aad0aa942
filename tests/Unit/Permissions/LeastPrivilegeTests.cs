using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using System.Text.RegularExpressions;
using SfnResume.Permissions;
using SfnResume.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SfnResume.Tests.Permissions
{
    /// <summary>
    /// The policy Get-SfnResumePolicy writes is both enough and no more: the README's examples run against a Step
    /// Functions that refuses, as AWS does, whatever the policy does not allow (what each call needs is written
    /// from AWS's documents in <see cref="StepFunctionsAuthorization"/>, not from the permission catalog), and each
    /// succeeds; without any one permission the catalog calls required, an example fails with AccessDenied naming
    /// it. The two that only improve the commands show what going without them costs.
    /// </summary>
    public sealed class LeastPrivilegeTests : IClassFixture<PolicyFixture>
    {
        private readonly PolicyFixture fixture;
        private readonly ITestOutputHelper output;

        public LeastPrivilegeTests(PolicyFixture fixture, ITestOutputHelper output)
        {
            this.fixture = fixture;
            this.output = output;
        }

        /// <summary>
        /// Every permission Orders' policy requires, the ones Ledger's settings add (its logging and its key), and
        /// every one of Payments' (deployed resume-ready, so resumed on itself) but TestState: the rest of theirs are
        /// the same catalog lines as Orders', on other ARNs; and those of Receipts' (an Express state machine) that only
        /// reading its log group needs.
        /// </summary>
        public static IEnumerable<object[]> RequiredGrants() => Examined.SelectMany(m => OfflinePolicy(m.Machine).Grants.Where(m.Examined)
            .Where(g => g.Need == PermissionNeed.Required).Select(g => new object[] { m.Machine, g.Action, g.Resource }));

        /// <summary>The grants of each state machine's policy that its examples are to show needed.</summary>
        private static IEnumerable<(string Machine, Func<PolicyGrant, bool> Examined)> Examined { get; } = new (string, Func<PolicyGrant, bool>)[]
        {
            ("Orders", g => true),
            ("Ledger", g => g.Entry.When == MachineCondition.Logs || g.Entry.When == MachineCondition.CustomerManagedKey),
            ("Payments", g => !g.Entry.Uses.SequenceEqual(new[] { PermissionUse.Preflight })),
            ("Batch", g => g.Entry.Uses.Contains(PermissionUse.DistributedMap)),

            // logs:DescribeLogGroups is granted for the copy's log delivery too; what reading does without it has a test of its own.
            ("Receipts", g => g.Entries.All(e => e.Uses.Contains(PermissionUse.ExpressLogs))),
        };

        [Fact]
        public void Every_example_is_the_READMEs_own_text()
        {
            var readme = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);

            Assert.All(ReadmeFlows.All.SelectMany(f => f.Lines), line => Assert.True(readme.Contains(line, StringComparison.Ordinal), $"not in the README: {line}"));
        }

        [Fact]
        public void Every_example_succeeds_under_the_policy_Get_SfnResumePolicy_writes_and_uses_every_permission_in_it()
        {
            var allowed = new List<(string Machine, AuthorizationCheck Check)>();
            var failed = new List<string>();
            foreach (var flow in ReadmeFlows.All)
            {
                var outcome = fixture.Runner.Run(flow, fixture.Policy(flow.Machine).Document, run => allowed.AddRange(run.Iam!.Allowed.Select(c => (flow.Machine, c))));
                if (!outcome.Succeeded)
                {
                    failed.Add($"{flow.Name}: {outcome.Problem}");
                }
            }

            Assert.Empty(failed);

            // Enough, and each permission used: every grant examined (see RequiredGrants) let some call through.
            foreach (var (machine, examined) in Examined)
            {
                var unused = fixture.Policy(machine).Grants
                    .Where(examined)
                    .Where(g => !allowed.Any(a => a.Machine == machine && a.Check.Action == g.Action && Matches(g.Resource, a.Check.Resource)))
                    .Select(g => g.ToString()).ToList();
                Assert.True(unused.Count == 0, $"{machine}: no example made a call these allow: {string.Join(", ", unused)}");
            }
        }

        [Fact]
        public void Every_example_succeeds_under_the_policy_of_its_own_uses()
        {
            var failed = ReadmeFlows.All
                .Select(flow => (flow, outcome: fixture.Runner.Run(flow, fixture.Policy(flow.Machine, flow.Uses).Document)))
                .Where(r => !r.outcome.Succeeded)
                .Select(r => $"{r.flow.Name} (-Use {string.Join(",", r.flow.Uses)}): {r.outcome.Problem}")
                .ToList();

            Assert.Empty(failed);
        }

        [Fact]
        public void Every_example_succeeds_under_the_permissions_the_README_lists_for_its_commands()
        {
            var failed = new List<string>();
            foreach (var flow in ReadmeFlows.All)
            {
                var full = fixture.Policy(flow.Machine);
                var listed = ResumePolicyBuilder.Create(full.StateMachineArn, full.Uses, full.Grants.Where(g => g.Commands.Intersect(flow.Commands).Any()).ToList(), full.Notes);
                var outcome = fixture.Runner.Run(flow, listed.Document);
                if (!outcome.Succeeded)
                {
                    failed.Add($"{flow.Name} ({string.Join(", ", flow.Commands)}): {outcome.Problem}");
                }
            }

            Assert.Empty(failed);
        }

        [Theory]
        [MemberData(nameof(RequiredGrants))]
        public void Without_any_one_required_permission_an_example_fails_with_AccessDenied_naming_it(string machine, string action, string resource)
        {
            var full = fixture.Policy(machine);
            var grant = full.Grants.Single(g => g.Action == action && g.Resource == resource);
            var without = full.Without(grant);
            Assert.DoesNotContain(without.Grants, g => g.Action == action && g.Resource == resource);

            FlowOutcome? failing = null;
            foreach (var flow in ReadmeFlows.All.Where(f => f.Machine == machine))
            {
                var outcome = fixture.Runner.Run(flow, without.Document);
                if (!outcome.Succeeded)
                {
                    output.WriteLine($"'{flow.Name}' fails without {grant}: {outcome.Problem}");
                    failing = outcome;
                    break;
                }
            }

            Assert.True(failing != null, $"Every README example on {machine} succeeds without {grant}: the catalog says it is required.");
            Assert.Contains(failing!.Run.Iam!.Denied, d => d.Action == action && Matches(resource, d.Resource));
            Assert.Contains(action, failing.Said, StringComparison.Ordinal);
            Assert.Contains("is not authorized to perform", failing.Said, StringComparison.Ordinal);

            // An error about it is the AWS refusal, by its code, as a permission problem, naming the action (CloudWatch Logs' as Step Functions').
            foreach (var error in failing.Run.Errors.Where(e => e.Exception.Message.Contains(action, StringComparison.Ordinal)))
            {
                Assert.Matches("^(Kms)?AccessDeniedException,", error.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
            }
        }

        [Fact]
        public void Without_ListTagsForResource_the_copy_has_SfnResumes_own_tags_only()
        {
            var full = fixture.Policy("Orders");
            var listTags = full.Grants.Single(g => g.Action == "states:ListTagsForResource" && g.Resource == full.StateMachineArn);
            var flow = ReadmeFlows.All.Single(f => f.Name == "resume at the failed state in one line");
            (string[] Keys, string[] Said) Tags(ResumePolicy policy)
            {
                string[] keys = Array.Empty<string>();
                var outcome = fixture.Runner.Run(flow, policy.Document, run => keys = JsonDocument.Parse(run.Endpoint.Requests.Single(r => r.Operation == "CreateStateMachine").Body)
                    .RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("key").GetString()!).OrderBy(k => k, StringComparer.Ordinal).ToArray());
                Assert.True(outcome.Succeeded, outcome.Problem);
                return (keys, outcome.Run.Result.Warnings.Where(w => w.Contains("states:ListTagsForResource", StringComparison.Ordinal)).ToArray());
            }

            var with = Tags(full);
            var without = Tags(full.Without(listTags));
            Assert.Equal(new[] { "sfnresume:definition-sha256", "sfnresume:source", "team" }, with.Keys);
            Assert.Empty(with.Said);
            Assert.Equal(new[] { "sfnresume:definition-sha256", "sfnresume:source" }, without.Keys);

            // Not in silence: the user is told the copy lacks the tags, and which permission keeps them.
            Assert.Contains("carries only SfnResume's own tags", Assert.Single(without.Said), StringComparison.Ordinal);
        }

        [Fact]
        public void Without_ListExecutions_on_the_copy_waiting_describes_every_run_every_round()
        {
            var full = fixture.Policy("Orders");
            var listCopy = full.Grants.Single(g => g.Action == "states:ListExecutions" && g.Resource.EndsWith(":stateMachine:Orders-goto", StringComparison.Ordinal));
            var waiting = ReadmeFlows.All.Single(f => f.Name == "resume every failed execution and wait");

            // Each run is seen RUNNING twice more before it ends: three rounds of the wait.
            var flow = new ReadmeFlow(waiting.Name, waiting.Machine, waiting.Uses, waiting.Commands, waiting.Lines, waiting.Check) { Arrange = world => world.Server.RunningPolls = 2 };
            (int Looks, string[] Said) Looks(ResumePolicy policy)
            {
                var looks = 0;
                var outcome = fixture.Runner.Run(flow, policy.Document, run =>
                {
                    var requests = run.Endpoint.Requests;
                    var started = requests.Where(r => r.Operation == "StartExecution").Max(r => r.ReceivedAt);
                    looks = requests.Count(r => r.Operation == "DescribeExecution" && r.ReceivedAt > started && r.Body.Contains(":execution:Orders-goto:", StringComparison.Ordinal));
                });
                Assert.True(outcome.Succeeded, outcome.Problem);
                return (looks, outcome.Run.Result.Warnings.Where(w => w.Contains("states:ListExecutions", StringComparison.Ordinal)).ToArray());
            }

            // With the list, a run is described once, when it is no longer listed; without, each round describes each run.
            var with = Looks(full);
            var without = Looks(full.Without(listCopy));
            Assert.Equal(2, with.Looks);
            Assert.Empty(with.Said);
            Assert.Equal(6, without.Looks);

            // Said once, not every round.
            Assert.Contains("Orders-goto", Assert.Single(without.Said), StringComparison.Ordinal);
        }

        [Fact]
        public void Without_DescribeMapRun_the_map_run_shows_no_counts_with_a_warning_and_every_unsuccessful_status_is_listed()
        {
            var full = fixture.Policy("Batch");
            var describe = full.Grants.Single(g => g.Action == "states:DescribeMapRun");
            var runFlow = ReadmeFlows.All.Single(f => f.Name == "a failed Distributed Map's run");
            var childrenFlow = ReadmeFlows.All.Single(f => f.Name == "the failed children of a Distributed Map");
            (bool Described, int Warnings) Run(ResumePolicy policy)
            {
                var seen = (false, 0);
                // Without it the example's own check (three items failed) cannot hold: what it costs is what is seen.
                fixture.Runner.Run(runFlow, policy.Document, run => seen = (((MapRun)run.Result.Output.Single().BaseObject).Described, run.Result.Warnings.Count(w => w.Contains("could not be described", StringComparison.Ordinal))));
                return seen;
            }

            int Listings(ResumePolicy policy)
            {
                var listings = 0;
                var outcome = fixture.Runner.Run(childrenFlow, policy.Document, run => listings = run.Endpoint.Count("ListExecutions"));

                // The one problem allowed: the warning that says, in AWS's words, what was refused.
                Assert.True(outcome.Succeeded || (outcome.Problem!.StartsWith("refusals said: ", StringComparison.Ordinal) && outcome.Problem.Contains("states:DescribeMapRun", StringComparison.Ordinal) && !outcome.Problem.Contains("errors:", StringComparison.Ordinal)), outcome.Problem);
                return listings;
            }

            Assert.Equal((true, 0), Run(full));
            Assert.Equal((false, 1), Run(full.Without(describe)));

            // With the counts, TIMED_OUT (none) is not listed; without them FAILED, TIMED_OUT and ABORTED are.
            Assert.Equal(2, Listings(full));
            Assert.Equal(3, Listings(full.Without(describe)));
        }

        [Fact]
        public void Without_the_definition_the_children_ran_each_child_is_located_from_its_history_alone_and_says_so()
        {
            var full = fixture.Policy("Batch");
            var definition = full.Grants.Single(g => g.Action == "states:DescribeStateMachineForExecution" && g.Resource.EndsWith(":execution:Batch/*", StringComparison.Ordinal));
            var flow = ReadmeFlows.All.Single(f => f.Name == "the failed children of a Distributed Map");
            int WithNote(ResumePolicy policy)
            {
                var noted = 0;
                var warned = 0;
                var outcome = fixture.Runner.Run(flow, policy.Document, run =>
                {
                    noted = run.Variable("children").Count(c => ((IEnumerable<string>)c.Properties["Notes"].Value).Any(n => n.Contains("could not be read", StringComparison.Ordinal)));
                    warned = run.Result.Warnings.Count(w => w.Contains("states:DescribeStateMachineForExecution on the children brings them back", StringComparison.Ordinal));
                });
                Assert.True(outcome.Succeeded, outcome.Problem);
                return noted * 10 + warned;
            }

            // Each child notes it; one warning says what is lost and which permission brings it back.
            Assert.Equal(0, WithNote(full));
            Assert.Equal(51, WithNote(full.Without(definition)));
        }

        [Fact]
        public void Without_DescribeLogGroups_an_Express_execution_whose_records_are_gone_is_not_said_to_have_expired()
        {
            // Under the ExpressLogs use alone, where logs:DescribeLogGroups is granted for reading Express executions only.
            var full = fixture.Policy("Receipts", new[] { PermissionUse.Analysis, PermissionUse.ExpressLogs });
            var describeGroups = full.Grants.Single(g => g.Action == "logs:DescribeLogGroups");
            Assert.Equal(PermissionNeed.Improves, describeGroups.Need);

            // An execution the group holds no record of: expired, as far as its retention (30 days) can tell.
            var gone = new ReadmeFlow("a failure point whose records are gone", "Receipts", full.Uses.Select(u => Enum.Parse<PermissionUse>(u)).ToList(), new[] { "Get-SfnFailurePoint" },
                new[] { "Get-SfnFailurePoint 'arn:aws:states:eu-west-1:123456789012:express:Receipts:receipt-1:6c1f0e2a-5b7d-4c3e-9a8f-2d4b6e8f0a1c'" },
                run => null);
            ErrorRecord Said(ResumePolicy policy)
            {
                var outcome = fixture.Runner.Run(gone, policy.Document);
                return Assert.Single(outcome.Run.Errors);
            }

            var with = Said(full);
            var without = Said(full.Without(describeGroups));

            // The same error either way, ExpressRecordsNotFound; with the permission it says how long the group keeps records.
            Assert.Equal(with.FullyQualifiedErrorId, without.FullyQualifiedErrorId);
            Assert.StartsWith("ExpressRecordsNotFound,", with.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Contains("keeps records 30 days", with.Exception.Message, StringComparison.Ordinal);

            // Without it, not a false claim that the group keeps records for ever: it says the retention is unknown, and what tells it.
            Assert.DoesNotContain("keeps records", without.Exception.Message, StringComparison.Ordinal);
            Assert.Contains("retention could not be read", without.Exception.Message, StringComparison.Ordinal);
            Assert.Contains("logs:DescribeLogGroups", without.Exception.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Every_permission_the_catalog_calls_optional_has_a_test_of_what_it_costs()
        {
            var optional = PermissionCatalog.Entries.Where(e => e.Need == PermissionNeed.Improves).Select(e => $"{e.Action} on {e.Resource}").OrderBy(e => e, StringComparer.Ordinal);

            // The tests above; a new optional permission needs a test of its own, and a line here.
            // The three of the precise Distributed Map resume: DistributedResumePermissionTests.
            Assert.Equal(new[] { "logs:DescribeLogGroups on Everything", "s3:GetObject on ItemFiles", "s3:GetObject on ItemSource", "states:DescribeExecution on MapRunChildren", "states:DescribeMapRun on MapRuns", "states:DescribeStateMachineForExecution on MapRunChildren", "states:ListExecutions on Copy", "states:ListTagsForResource on Machine" }, optional);
            Assert.All(PermissionCatalog.Entries.Where(e => e.Need == PermissionNeed.Improves), e => Assert.False(string.IsNullOrEmpty(e.WithoutIt)));
        }

        /// <summary>What Get-SfnResumePolicy writes for the state machine without -Use, from the settings it has.</summary>
        private static ResumePolicy OfflinePolicy(string machine) => ResumePolicyBuilder.Build(
            new MachineSettings(RedriveServer.MachineArn(machine))
            {
                RoleArn = RedriveServer.RoleArn,
                Logs = machine == "Ledger" || machine == "Receipts",
                LogGroupName = machine == "Receipts" ? PermissionWorld.ReceiptsLogGroup : null,
                Type = machine == "Receipts" ? "EXPRESS" : null,
                KmsKeyId = machine == "Ledger" ? PermissionWorld.LedgerKey : null,

                // Offline the definition is not read: as Batch's (its ItemReader reads its bucket and key from the input), nothing names the S3 objects.
                HasDistributedMap = machine == "Batch",
                ResumeReady = machine == "Payments",
            },
            uses: null);

        /// <summary>Whether a policy's resource (with IAM's wildcards) matches a request's resource.</summary>
        private static bool Matches(string pattern, string resource)
            => Regex.IsMatch(resource, "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$");
    }
}
