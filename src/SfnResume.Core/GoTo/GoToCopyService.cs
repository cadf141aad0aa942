using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SfnResume.Aws;
using SfnResume.Aws.Model;
using SfnResume.Definitions;
using SfnResume.Json;
using SfnResume.ResumeReady;

namespace SfnResume.GoTo
{
    /// <summary>
    /// Plans and applies the GoTo copy of a state machine on AWS. Planning only reads (the definition that ran,
    /// the original's settings, the existing copy); applying creates or updates the copy and nothing else.
    /// The source state machine is never modified.
    /// </summary>
    public sealed class GoToCopyService
    {
        public const string SourceTag = "sfnresume:source";
        public const string DefinitionTag = "sfnresume:definition-sha256";
        private const int MaxTags = 50;

        /// <summary>The one-at-a-time path (New-SfnGoToStateMachine) leaves retries to the SDK.</summary>
        private static readonly TransientRetry SingleAttempt = new TransientRetry(maxAttempts: 1);

        private readonly IStepFunctionsClient client;
        private readonly GoToRewriter rewriter = new GoToRewriter();

        public GoToCopyService(IStepFunctionsClient client)
        {
            this.client = client;
        }

        /// <param name="sourceArn">The original state machine (unqualified ARN).</param>
        /// <param name="executionArn">The failed execution: its own definition version is copied. Null: the current definition.</param>
        public GoToCopyPlan Plan(string sourceArn, string? executionArn, CancellationToken cancellationToken)
        {
            var source = client.DescribeStateMachineAsync(new DescribeStateMachineRequest { StateMachineArn = sourceArn }, cancellationToken).GetAwaiter().GetResult();
            var definition = source.Definition;
            var logging = source.LoggingConfiguration;
            var tracing = source.TracingConfiguration;
            var encryption = source.EncryptionConfiguration;
            var role = source.RoleArn;
            if (executionArn != null)
            {
                var ran = client.DescribeStateMachineForExecutionAsync(new DescribeStateMachineForExecutionRequest { ExecutionArn = executionArn }, cancellationToken).GetAwaiter().GetResult();
                definition = ran.Definition;
                logging = ran.LoggingConfiguration ?? logging;
                tracing = ran.TracingConfiguration ?? tracing;
                encryption = ran.EncryptionConfiguration ?? encryption;
                role = string.IsNullOrEmpty(ran.RoleArn) ? role : ran.RoleArn;
            }

            // A resume-ready machine running the definition the execution ran (or, without one, its current one) is
            // resumed on itself; one whose definition changed since, on the version the execution ran.
            if (JsonValues.SameJson(definition, source.Definition) && OnMachine(source.Definition, sourceArn) is GoToCopyPlan onMachine)
            {
                return onMachine;
            }

            if (executionArn != null && OnVersionRan(executionArn, definition, cancellationToken) is GoToCopyPlan onVersion)
            {
                return onVersion;
            }

            var copyArn = GoToCopyNames.ArnFor(sourceArn);
            var copy = rewriter.Rewrite(definition);
            var action = ExistingCopyActionAsync(copyArn, copy.Definition, SingleAttempt, cancellationToken).GetAwaiter().GetResult();
            return NewPlan(source, copy, definition, role, logging, tracing, encryption, action);
        }

        /// <summary>
        /// Plans a copy of <paramref name="source"/>'s current definition without reading anything more. The copy
        /// may exist already: <see cref="EnsureAsync"/> finds out by trying to create it.
        /// </summary>
        /// <exception cref="DefinitionFormatException">The definition cannot be rewritten.</exception>
        public GoToCopyPlan PlanFrom(DescribeStateMachineResponse source)
        {
            if (OnMachine(source, source.StateMachineArn) is GoToCopyPlan onMachine)
            {
                return onMachine;
            }

            var copy = rewriter.Rewrite(source.Definition);
            return NewPlan(source, copy, source.Definition, source.RoleArn, source.LoggingConfiguration, source.TracingConfiguration, source.EncryptionConfiguration, GoToCopyAction.Create);
        }

        /// <summary>
        /// Resumes on <paramref name="target"/> itself (the machine, or the version an execution ran) when the
        /// definition it runs, <paramref name="described"/>'s, is resume-ready and current: null otherwise, and
        /// the resume takes a copy.
        /// </summary>
        public static GoToCopyPlan? OnMachine(DescribeStateMachineResponse described, string target) => OnMachine(described.Definition, target);

        /// <summary>Resumes on <paramref name="target"/>, which runs <paramref name="definition"/>, when that is resume-ready and current; else null.</summary>
        public static GoToCopyPlan? OnMachine(string definition, string target)
        {
            if (Inspect(definition) is not ResumeReadyInspection ready || ready.Status != ResumeReadyStatus.Current)
            {
                return null;
            }

            // Nothing to create: the request stays empty, and is never sent.
            var source = StateMachineArns.Unqualified(target);
            return new GoToCopyPlan(source, target, StateMachineArns.NameOf(source), ready.GoTo!, GoToCopyAction.OnMachine, new CreateStateMachineRequest(), ready.Original!);
        }

        /// <summary>What a definition is for resuming on the machine; null when it cannot be read as one.</summary>
        private static ResumeReadyInspection? Inspect(string definition)
        {
            try
            {
                return ResumeReadyDefinitions.Inspect(definition);
            }
            catch (DefinitionFormatException)
            {
                return null;
            }
        }

        private static bool IsResumeReady(string definition) => Inspect(definition)?.Status == ResumeReadyStatus.Current;

        /// <summary>
        /// The version an execution ran, when what it ran is resume-ready: one DescribeExecution, only then. Null
        /// for an execution of the machine itself, or a definition that is not resume-ready.
        /// </summary>
        private GoToCopyPlan? OnVersionRan(string executionArn, string ranDefinition, CancellationToken cancellationToken)
        {
            if (!IsResumeReady(ranDefinition))
            {
                return null;
            }

            var execution = client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = executionArn, IncludedData = "METADATA_ONLY" }, cancellationToken).GetAwaiter().GetResult();
            return string.IsNullOrEmpty(execution.StateMachineVersionArn) ? null : OnMachine(ranDefinition, execution.StateMachineVersionArn!);
        }

        /// <summary>
        /// Makes sure the copy exists with the planned definition, in as few calls as the common case allows:
        /// CreateStateMachine first (AWS answers an identical create with the existing ARN), and only when a copy
        /// of another definition is in the way, DescribeStateMachine and UpdateStateMachine.
        /// </summary>
        public async Task<GoToCopyAction> EnsureAsync(GoToCopyPlan plan, TransientRetry retry, CancellationToken cancellationToken)
        {
            if (plan.Action == GoToCopyAction.OnMachine)
            {
                return GoToCopyAction.OnMachine;
            }

            plan.Create.Tags = await CopyTagsAsync(plan, retry, cancellationToken).ConfigureAwait(false);
            try
            {
                await retry.RunAsync(ct => client.CreateStateMachineAsync(plan.Create, ct), cancellationToken).ConfigureAwait(false);
                return GoToCopyAction.Create;
            }
            catch (StepFunctionsException e) when (e.ErrorCode == "StateMachineAlreadyExists")
            {
                // A copy made earlier, of this definition with other settings, or of an older definition.
            }

            if (await ExistingCopyActionAsync(plan.CopyArn, plan.Copy.Definition, retry, cancellationToken).ConfigureAwait(false) == GoToCopyAction.Reuse)
            {
                return GoToCopyAction.Reuse;
            }

            await retry.RunAsync(ct => client.UpdateStateMachineAsync(UpdateFor(plan), ct), cancellationToken).ConfigureAwait(false);
            return GoToCopyAction.Update;
        }

        /// <summary>Creates or updates the copy as planned; returns the copy's ARN.</summary>
        public string Apply(GoToCopyPlan plan, CancellationToken cancellationToken)
        {
            switch (plan.Action)
            {
                case GoToCopyAction.Create:
                    plan.Create.Tags = CopyTagsAsync(plan, SingleAttempt, cancellationToken).GetAwaiter().GetResult();
                    return client.CreateStateMachineAsync(plan.Create, cancellationToken).GetAwaiter().GetResult().StateMachineArn;
                case GoToCopyAction.Update:
                    client.UpdateStateMachineAsync(UpdateFor(plan), cancellationToken).GetAwaiter().GetResult();
                    return plan.CopyArn;
                default:
                    return plan.CopyArn;
            }
        }

        /// <summary>What the copy's ARN holds: nothing (Create), this very definition (Reuse), or another one (Update).</summary>
        private async Task<GoToCopyAction> ExistingCopyActionAsync(string copyArn, string copyDefinition, TransientRetry retry, CancellationToken cancellationToken)
        {
            try
            {
                var existing = await retry.RunAsync(ct => client.DescribeStateMachineAsync(new DescribeStateMachineRequest { StateMachineArn = copyArn }, ct), cancellationToken).ConfigureAwait(false);
                return JsonValues.SameJson(existing.Definition, copyDefinition) ? GoToCopyAction.Reuse : GoToCopyAction.Update;
            }
            catch (StepFunctionsException e) when (e.ErrorCode == "StateMachineDoesNotExist")
            {
                return GoToCopyAction.Create;
            }
        }

        private static GoToCopyPlan NewPlan(DescribeStateMachineResponse source, GoToDefinition copy, string originalDefinition, string role, LoggingConfiguration? logging, TracingConfiguration? tracing, EncryptionConfiguration? encryption, GoToCopyAction action)
        {
            var create = new CreateStateMachineRequest
            {
                Name = GoToCopyNames.NameFor(source.Name),
                Definition = copy.Definition,
                RoleArn = role,
                Type = string.IsNullOrEmpty(source.Type) ? null : source.Type,
                LoggingConfiguration = logging,
                TracingConfiguration = tracing,
                EncryptionConfiguration = encryption,
            };
            return new GoToCopyPlan(source.StateMachineArn, GoToCopyNames.ArnFor(source.StateMachineArn), create.Name, copy, action, create, originalDefinition);
        }

        private static UpdateStateMachineRequest UpdateFor(GoToCopyPlan plan) => new UpdateStateMachineRequest
        {
            StateMachineArn = plan.CopyArn,
            Definition = plan.Copy.Definition,
            RoleArn = plan.Create.RoleArn,
            LoggingConfiguration = plan.Create.LoggingConfiguration,
            TracingConfiguration = plan.Create.TracingConfiguration,
            EncryptionConfiguration = plan.Create.EncryptionConfiguration,
        };

        /// <summary>The original's tags (so cost allocation and ownership carry over) plus where the copy came from.</summary>
        private async Task<List<Tag>> CopyTagsAsync(GoToCopyPlan plan, TransientRetry retry, CancellationToken cancellationToken)
        {
            var tags = new List<Tag>();
            try
            {
                var original = await retry.RunAsync(ct => client.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceArn = plan.SourceArn }, ct), cancellationToken).ConfigureAwait(false);
                tags.AddRange(original.Tags.Where(t => t.Key != SourceTag && t.Key != DefinitionTag).Take(MaxTags - 2));
            }
            catch (StepFunctionsException e) when (e.ErrorCode != "ThrottlingException")
            {
                // Without permission to read tags the copy still works; it only lacks the original's tags, and says so.
                var refusal = string.IsNullOrEmpty(e.ErrorCode) ? $"HTTP {(int)e.StatusCode}" : e.ErrorCode;
                plan.TagsNotCopied = $"The tags of '{plan.SourceArn}' could not be read ({refusal}): the copy '{plan.CopyName}' carries only SfnResume's own tags "
                    + $"({SourceTag}, {DefinitionTag}), not its owner and cost allocation tags. Allow states:ListTagsForResource on '{plan.SourceArn}' to keep them.";
            }

            tags.Add(new Tag { Key = SourceTag, Value = plan.SourceArn });
            tags.Add(new Tag { Key = DefinitionTag, Value = GoToCopyNames.Hex(plan.OriginalDefinition) });
            return tags;
        }
    }
}
