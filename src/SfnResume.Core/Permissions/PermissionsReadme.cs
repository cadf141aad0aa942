using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SfnResume.Permissions
{
    /// <summary>
    /// The README's permissions section, per command, written from <see cref="PermissionCatalog"/>: the same lines
    /// Get-SfnResumePolicy writes policies from, with placeholders for one state machine's ARNs.
    /// </summary>
    public static class PermissionsReadme
    {
        public const string Begin = "<!-- permissions: generated from src/SfnResume.Core/Permissions/PermissionCatalog.cs by PermissionsReadme; edit the catalog, not this text -->";
        public const string End = "<!-- permissions: end -->";

        private static readonly IReadOnlyDictionary<string, string> Tools = new Dictionary<string, string>
        {
            [PermissionCatalog.ListExecutionsTool] = "AWS.Tools.StepFunctions",
            [PermissionCatalog.StartExecutionTool] = "AWS.Tools.StepFunctions",
        };

        /// <summary>The section's text between <see cref="Begin"/> and <see cref="End"/>, both included, lines ending in \n.</summary>
        public static string Markdown()
        {
            var text = new StringBuilder();
            text.Append(Begin).Append('\n');
            text.Append("In the tables, `<machine>` is the state machine's ARN (`arn:aws:states:<region>:<account>:stateMachine:<name>`), ")
                .Append("`<executions>` its executions (`arn:aws:states:<region>:<account>:execution:<name>:*`), ")
                .Append("`<copy>` its GoTo copy (`...:stateMachine:<name>-goto`), `<copy runs>` the copy's runs (`...:execution:<name>-goto:*`), ")
                .Append("`<machine>:*` its published versions and aliases, `<map runs>` the runs of its Distributed Maps (`...:mapRun:<name>/*`), `<map run children>` their child executions (`...:execution:<name>/*`), ")
                .Append("`<item source>` the S3 object its Distributed Map reads its items from (`arn:aws:s3:::<bucket>/<key>` as its `ItemReader` names them, `*` for a part it reads from the input), ")
                .Append("`<item files>` the files of items to re-run a precise resume writes (`arn:aws:s3:::<bucket>/sfnresume/items/*`, in the bucket given with `-ItemBucket`, else the `ItemReader`'s), ")
                .Append("`<role>` the state machine's role, `<key>` its customer managed KMS key ")
                .Append("and `<log group>` the log group it logs to (`arn:aws:logs:<region>:<account>:log-group:<log group name>:*`). ")
                .Append("The Use column is the `-Use` of Get-SfnResumePolicy that includes the permission.\n");
            foreach (var command in PermissionCatalog.Commands)
            {
                var entries = PermissionCatalog.Entries.Where(e => e.Commands.Contains(command)).ToList();
                if (entries.Count == 0)
                {
                    continue;
                }

                text.Append('\n').Append("#### ").Append(command);
                if (Tools.TryGetValue(command, out var module))
                {
                    text.Append(" (").Append(module).Append(')');
                }

                text.Append("\n\n| action | resource | Use | why |\n|---|---|---|---|\n");

                // Actions granted alike, for one reason (the log delivery actions), share a row.
                foreach (var row in entries.GroupBy(e => (Resource(e), Uses: string.Join(", ", e.Uses), Why(e))))
                {
                    text.Append("| ").Append(string.Join(", ", row.Select(e => "`" + e.Action + "`"))).Append(" | ").Append(row.Key.Item1).Append(" | ").Append(row.Key.Uses).Append(" | ").Append(row.Key.Item3).Append(" |\n");
                }
            }

            text.Append('\n').Append(End).Append('\n');
            return text.ToString();
        }

        private static string Resource(PermissionEntry entry)
        {
            var resource = entry.Resource switch
            {
                PermissionResource.Machine => "`<machine>`",
                PermissionResource.MachineVersions => "`<machine>:*`",
                PermissionResource.Executions => "`<executions>`",
                PermissionResource.Copy => "`<copy>`",
                PermissionResource.CopyExecutions => "`<copy runs>`",
                PermissionResource.MapRuns => "`<map runs>`",
                PermissionResource.MapRunChildren => "`<map run children>`",
                PermissionResource.ItemSource => "`<item source>`",
                PermissionResource.ItemFiles => "`<item files>`",
                PermissionResource.Role => "`<role>`",
                PermissionResource.MachineKey => "`<key>`",
                PermissionResource.LogGroup => "`<log group>`",
                _ => "`*`",
            };
            return entry.Condition switch
            {
                GrantCondition.PassedToStepFunctions => resource + ", passed to `states.amazonaws.com` only",
                GrantCondition.KeyUsedForTheseMachines => resource + ", through Step Functions, for the data of `<machine>` and `<copy>`",
                _ => resource,
            };
        }

        private static string Why(PermissionEntry entry)
        {
            var why = entry.When switch
            {
                MachineCondition.Logs => "Only when the state machine logs to CloudWatch Logs. ",
                MachineCondition.CustomerManagedKey => "Only with a customer managed key. ",
                MachineCondition.ResumesTakeCopies => "Not for a state machine resumed on itself (resume-ready), unless GoTo is asked for. ",
                MachineCondition.DistributedMap => "Only when the definition has a Distributed Map. ",
                MachineCondition.ItemsInS3 => "Only when a Distributed Map reads its items from an S3 object (an `ItemReader` of `s3:getObject`). ",
                _ => string.Empty,
            } + entry.Why;
            return entry.Need == PermissionNeed.Improves ? why + " Optional: without it, " + entry.WithoutIt + "." : why;
        }
    }
}
