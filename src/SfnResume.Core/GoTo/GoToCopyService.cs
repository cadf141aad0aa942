using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using SfnResume.Aws;
using SfnResume.Aws.Model;
using SfnResume.Definitions;

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

            var copy = rewriter.Rewrite(definition);
            var copyArn = GoToCopyNames.ArnFor(sourceArn);
            var copyName = GoToCopyNames.NameFor(source.Name);
            var action = ExistingCopyAction(copyArn, copy.Definition, cancellationToken);
            var create = new CreateStateMachineRequest
            {
                Name = copyName,
                Definition = copy.Definition,
                RoleArn = role,
                Type = string.IsNullOrEmpty(source.Type) ? null : source.Type,
                LoggingConfiguration = logging,
                TracingConfiguration = tracing,
                EncryptionConfiguration = encryption,
            };
            return new GoToCopyPlan(sourceArn, copyArn, copyName, copy, action, create, definition);
        }

        /// <summary>Creates or updates the copy as planned; returns the copy's ARN.</summary>
        public string Apply(GoToCopyPlan plan, CancellationToken cancellationToken)
        {
            switch (plan.Action)
            {
                case GoToCopyAction.Create:
                    plan.Create.Tags = CopyTags(plan, cancellationToken);
                    return client.CreateStateMachineAsync(plan.Create, cancellationToken).GetAwaiter().GetResult().StateMachineArn;
                case GoToCopyAction.Update:
                    client.UpdateStateMachineAsync(new UpdateStateMachineRequest
                    {
                        StateMachineArn = plan.CopyArn,
                        Definition = plan.Copy.Definition,
                        RoleArn = plan.Create.RoleArn,
                        LoggingConfiguration = plan.Create.LoggingConfiguration,
                        TracingConfiguration = plan.Create.TracingConfiguration,
                        EncryptionConfiguration = plan.Create.EncryptionConfiguration,
                    }, cancellationToken).GetAwaiter().GetResult();
                    return plan.CopyArn;
                default:
                    return plan.CopyArn;
            }
        }

        private GoToCopyAction ExistingCopyAction(string copyArn, string copyDefinition, CancellationToken cancellationToken)
        {
            try
            {
                var existing = client.DescribeStateMachineAsync(new DescribeStateMachineRequest { StateMachineArn = copyArn }, cancellationToken).GetAwaiter().GetResult();
                return SameJson(existing.Definition, copyDefinition) ? GoToCopyAction.Reuse : GoToCopyAction.Update;
            }
            catch (StepFunctionsException e) when (e.ErrorCode == "StateMachineDoesNotExist")
            {
                return GoToCopyAction.Create;
            }
        }

        /// <summary>The original's tags (so cost allocation and ownership carry over) plus where the copy came from.</summary>
        private List<Tag> CopyTags(GoToCopyPlan plan, CancellationToken cancellationToken)
        {
            var tags = new List<Tag>();
            try
            {
                tags.AddRange(client.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceArn = plan.SourceArn }, cancellationToken).GetAwaiter().GetResult().Tags
                    .Where(t => t.Key != SourceTag && t.Key != DefinitionTag)
                    .Take(MaxTags - 2));
            }
            catch (StepFunctionsException e) when (e.ErrorCode != "ThrottlingException")
            {
                // Without permission to read tags the copy still works; it only lacks the original's tags.
            }

            tags.Add(new Tag { Key = SourceTag, Value = plan.SourceArn });
            tags.Add(new Tag { Key = DefinitionTag, Value = GoToCopyNames.Hex(plan.OriginalDefinition) });
            return tags;
        }

        private static bool SameJson(string a, string b)
        {
            try
            {
                using var left = JsonDocument.Parse(a);
                using var right = JsonDocument.Parse(b);
                return JsonSerializer.Serialize(left.RootElement) == JsonSerializer.Serialize(right.RootElement);
            }
            catch (JsonException)
            {
                return false;
            }
        }
    }
}
