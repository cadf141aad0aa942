using SfnResume.Aws.Model;
using SfnResume.Definitions;

namespace SfnResume.GoTo
{
    /// <summary>What New-SfnGoToStateMachine is about to do, worked out by reading only.</summary>
    public sealed class GoToCopyPlan
    {
        public GoToCopyPlan(string sourceArn, string copyArn, string copyName, GoToDefinition copy, GoToCopyAction action, CreateStateMachineRequest create, string originalDefinition)
        {
            SourceArn = sourceArn;
            CopyArn = copyArn;
            CopyName = copyName;
            Copy = copy;
            Action = action;
            Create = create;
            OriginalDefinition = originalDefinition;
        }

        public string SourceArn { get; }

        public string CopyArn { get; }

        public string CopyName { get; }

        public GoToDefinition Copy { get; }

        public GoToCopyAction Action { get; }

        /// <summary>The CreateStateMachine request: the original's type, role, logging, tracing and encryption (tags are added when applied).</summary>
        public CreateStateMachineRequest Create { get; }

        public string OriginalDefinition { get; }

        /// <summary>
        /// Why the copy went without the original's tags (their read was refused), once it was made; null when it
        /// has them. The copy works all the same; cost allocation and ownership do not carry over.
        /// </summary>
        public string? TagsNotCopied { get; internal set; }
    }
}
