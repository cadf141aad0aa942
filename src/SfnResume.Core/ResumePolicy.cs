using System.Linq;
using SfnResume.History;
using SfnResume.Permissions;

namespace SfnResume
{
    /// <summary>
    /// The IAM policy one use of SfnResume needs on one state machine (Get-SfnResumePolicy): the document to
    /// attach, its statements, each permission with why it is there, and what the policy cannot cover.
    /// </summary>
    public sealed class ResumePolicy
    {
        public string StateMachineArn { get; set; } = string.Empty;

        /// <summary>What the policy is for: Analysis, Redrive, GoTo, OnMachine, Preflight, CleanUp, DistributedMap.</summary>
        public TextList Uses { get; set; } = TextList.Empty;

        /// <summary>The policy document (IAM JSON), e.g. for New-IAMPolicy -PolicyDocument or Write-IAMRolePolicy.</summary>
        public string Document { get; set; } = string.Empty;

        /// <summary>The document's statements; one line each in Export-Csv ("Sid: actions on resources; ...").</summary>
        public RecordList<ResumePolicyStatement> Statements { get; set; } = RecordList<ResumePolicyStatement>.Empty;

        /// <summary>Every action on every resource, with the catalog line that says why.</summary>
        public RecordList<PolicyGrant> Grants { get; set; } = RecordList<PolicyGrant>.Empty;

        /// <summary>What the document does not cover, or covers more widely than one resource, and why.</summary>
        public TextList Notes { get; set; } = TextList.Empty;

        /// <summary>The same policy without one permission (to see what needs it).</summary>
        public ResumePolicy Without(PolicyGrant grant) => ResumePolicyBuilder.Create(StateMachineArn, Uses, Grants.Where(g => !ReferenceEquals(g, grant)).ToList(), Notes);

        public override string ToString() => Document;
    }
}
