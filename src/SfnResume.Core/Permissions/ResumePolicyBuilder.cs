using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SfnResume.History;

namespace SfnResume.Permissions
{
    /// <summary>
    /// Writes the policy for some uses of SfnResume on one state machine from <see cref="PermissionCatalog"/>:
    /// the entries of those uses that the state machine's settings call for, each on its resource written out,
    /// grouped into statements by purpose. The same state machine and uses give the same bytes.
    /// </summary>
    public static class ResumePolicyBuilder
    {
        /// <param name="uses">What the policy is for; Analysis is always included: every use reads first. Null: what
        /// SfnResume does with this state machine (<see cref="DefaultUses"/>), said in a note.</param>
        /// <exception cref="ArgumentException">GoTo without the state machine's role, which the copy is given.</exception>
        public static ResumePolicy Build(MachineSettings machine, IEnumerable<PermissionUse>? uses)
        {
            var notes = new List<string>();
            if (uses == null && machine.ResumeReady == true)
            {
                notes.Add($"'{machine.Name}' runs a current resume-ready definition: resumes start on it, so the policy makes no copy (no CreateStateMachine, no iam:PassRole). "
                    + "An execution that ran an older definition, not resume-ready, would take a copy: the GoTo use adds it.");
            }

            var used = new HashSet<PermissionUse>(uses ?? DefaultUses(machine)) { PermissionUse.Analysis };
            if (used.Contains(PermissionUse.GoTo) && machine.RoleArn == null)
            {
                throw new ArgumentException($"The role of '{machine.StateMachineArn}' is needed for the GoTo use: the copy is given it, so iam:PassRole names it.", nameof(machine));
            }

            var copies = TakesCopies(machine, used);
            var grants = PermissionCatalog.Entries
                .Where(e => e.Uses.Any(used.Contains) && Applies(e.When, machine, copies, used))
                .Select(e => (Entry: e, Resource: ResourceOf(e, machine, notes), Condition: ConditionOf(e.Condition, machine, copies)))
                .GroupBy(g => (g.Entry.Action, g.Resource, Key: ConditionKeyOf(g.Condition)))
                .Select(same => new PolicyGrant(same.Select(g => g.Entry).ToList(), same.Key.Resource, same.First().Condition))
                .ToList();
            grants = WithoutCovered(grants);

            notes.AddRange(SettingsNotes(machine, used));
            var names = Enum.GetValues(typeof(PermissionUse)).Cast<PermissionUse>().Where(used.Contains).Select(u => u.ToString()).ToList();
            return Create(machine.StateMachineArn, names, grants, notes.Distinct().ToList());
        }

        /// <summary>
        /// What SfnResume does with a state machine: read, redrive, preflight, and resume either on the machine
        /// itself (it runs a current resume-ready definition) or through a GoTo copy (any other, or not known),
        /// which whoever makes it can also clean up.
        /// </summary>
        public static IReadOnlyList<PermissionUse> DefaultUses(MachineSettings machine)
        {
            var uses = machine.ResumeReady == true
                ? new List<PermissionUse> { PermissionUse.Analysis, PermissionUse.Redrive, PermissionUse.OnMachine, PermissionUse.Preflight }
                : new List<PermissionUse> { PermissionUse.Analysis, PermissionUse.Redrive, PermissionUse.GoTo, PermissionUse.Preflight, PermissionUse.CleanUp };
            if (machine.HasDistributedMap)
            {
                // A failed Distributed Map is read through its run and children, which are resources of their own.
                uses.Add(PermissionUse.DistributedMap);
            }

            // An Express state machine's executions are known from its log group only.
            if (machine.Type == "EXPRESS")
            {
                uses.Add(PermissionUse.ExpressLogs);
            }

            return uses;
        }

        /// <summary>The policy of exactly these grants: statements by purpose, and the document.</summary>
        internal static ResumePolicy Create(string stateMachineArn, IReadOnlyList<string> uses, IReadOnlyList<PolicyGrant> grants, IReadOnlyList<string> notes)
        {
            var statements = StatementsOf(grants);
            return new ResumePolicy
            {
                StateMachineArn = stateMachineArn,
                Uses = TextList.Of(uses),
                Statements = RecordList<ResumePolicyStatement>.Of(statements.Select(s => s.Statement)),
                Grants = RecordList<PolicyGrant>.Of(grants),
                Notes = TextList.Of(notes),
                Document = DocumentOf(statements),
            };
        }

        /// <summary>Whether the machine's settings call for an entry. A use asked for by name is granted whole: offline, nothing is known of the definition.</summary>
        private static bool Applies(MachineCondition when, MachineSettings machine, bool copies, HashSet<PermissionUse> used) => when switch
        {
            MachineCondition.Logs => machine.Logs,
            MachineCondition.CustomerManagedKey => machine.KmsKeyId != null,
            MachineCondition.ResumesTakeCopies => copies,
            MachineCondition.DistributedMap => machine.HasDistributedMap || used.Contains(PermissionUse.DistributedMap),
            MachineCondition.ItemsInS3 => machine.ItemsInS3 != false && (machine.HasDistributedMap || used.Contains(PermissionUse.DistributedMap)),
            _ => true,
        };

        /// <summary>
        /// Folds a grant that another of the same action and condition allows already into that one (a Map's items on
        /// any object, <c>arn:aws:s3:::*/*</c>, cover the item files' <c>arn:aws:s3:::*/sfnresume/items/*</c>): a policy names
        /// each permission once, so that removing it removes it.
        /// </summary>
        private static List<PolicyGrant> WithoutCovered(List<PolicyGrant> grants)
        {
            var kept = new List<PolicyGrant>(grants);
            foreach (var grant in grants)
            {
                var cover = kept.FirstOrDefault(c => !ReferenceEquals(c, grant) && c.Action == grant.Action && c.ConditionKey == grant.ConditionKey && c.Resource != grant.Resource && Covers(c.Resource, grant.Resource));
                if (cover != null)
                {
                    kept[kept.IndexOf(cover)] = new PolicyGrant(cover.Entries.Concat(grant.Entries).ToList(), cover.Resource, cover.Condition);
                    kept.Remove(grant);
                }
            }

            return kept;
        }

        /// <summary>Whether IAM's wildcards in <paramref name="pattern"/> match all that <paramref name="resource"/> stands for (its own wildcards taken as any text).</summary>
        private static bool Covers(string pattern, string resource)
            => System.Text.RegularExpressions.Regex.IsMatch(resource, "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$");

        /// <summary>Whether resumes take GoTo copies: asked for, or the state machine is not (known to be) resume-ready.</summary>
        private static bool TakesCopies(MachineSettings machine, HashSet<PermissionUse> used) => used.Contains(PermissionUse.GoTo) || machine.ResumeReady != true;

        private static string ResourceOf(PermissionEntry entry, MachineSettings machine, List<string> notes)
        {
            // Resources whose ARN may be wider than one state machine's: the note says why, and how to narrow it.
            string? note = null;
            var arn = entry.Resource switch
            {
                PermissionResource.LogGroup => machine.LogGroupArn(out note),
                PermissionResource.MachineKey => machine.KeyArn(out note),
                PermissionResource.ItemSource => machine.ItemSourceArn(out note),
                PermissionResource.ItemFiles => machine.ItemFilesArn(out note),
                _ => machine.ArnOf(entry.Resource),
            };
            if (note != null)
            {
                notes.Add(note);
            }

            return arn;
        }

        private static IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> ConditionOf(GrantCondition condition, MachineSettings machine, bool copies) => condition switch
        {
            // The role may be handed to Step Functions only (Service Authorization Reference: CreateStateMachine's iam:PassRole).
            GrantCondition.PassedToStepFunctions => new[] { Pair("iam:PassedToService", "states.amazonaws.com") },

            // Step Functions calls KMS for the caller with the state machine's ARN as encryption context
            // (developer guide, "Data at rest encryption"); the copy's data is encrypted under the copy's ARN.
            GrantCondition.KeyUsedForTheseMachines => new[]
            {
                copies ? Pair("kms:EncryptionContext:aws:states:stateMachineArn", machine.StateMachineArn, machine.CopyArn) : Pair("kms:EncryptionContext:aws:states:stateMachineArn", machine.StateMachineArn),
                Pair("kms:ViaService", machine.StatesHost),
            },
            _ => Array.Empty<KeyValuePair<string, IReadOnlyList<string>>>(),
        };

        internal static string ConditionKeyOf(IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> condition)
            => string.Join(";", condition.Select(c => c.Key + "=" + string.Join(",", c.Value)));

        private static KeyValuePair<string, IReadOnlyList<string>> Pair(string key, params string[] values) => new KeyValuePair<string, IReadOnlyList<string>>(key, values);

        /// <summary>
        /// What the policy cannot grant: the state machine's role is not the caller's, yet the copy runs with it,
        /// and some settings ask more of it than of the original.
        /// </summary>
        private static IEnumerable<string> SettingsNotes(MachineSettings machine, HashSet<PermissionUse> used)
        {
            if (used.Contains(PermissionUse.OnMachine) && machine.ResumeReady == false)
            {
                yield return $"'{machine.Name}' does not run a current resume-ready definition: no resume starts on it until one is deployed, and until then its resumes take a GoTo copy.";
            }

            if (used.Contains(PermissionUse.ExpressLogs) && !machine.Logs)
            {
                yield return $"'{machine.Name}' does not log to CloudWatch Logs (or, offline, its logging was not given): there is no log group to read its Express executions from, so the ExpressLogs use grants nothing. Turn its logging on at level ALL with execution data, then write the policy again.";
            }

            if (machine.Type == "EXPRESS")
            {
                yield return $"'{machine.Name}' is an Express state machine: Step Functions keeps no history of its executions, so SfnResume reads them from its CloudWatch Logs (the ExpressLogs use) and resumes them on an Express GoTo copy that logs to the same log group.";
            }

            if (used.Contains(PermissionUse.GoTo) && machine.KmsKeyId != null)
            {
                yield return $"The copy runs with the state machine's role, which needs kms:Decrypt and kms:GenerateDataKey on the key for the copy's data too: if the role's policy (or the key policy) names '{machine.StateMachineArn}' in the encryption context aws:states:stateMachineArn, add '{machine.CopyArn}'.";
            }

            if (machine.HasDistributedMap && used.Contains(PermissionUse.GoTo))
            {
                yield return $"The definition has a Distributed Map: on the copy, its child executions are started with the state machine's role, which needs states:StartExecution on '{machine.CopyArn}' and states:DescribeExecution and states:StopExecution on '{ChildrenOf(machine, machine.CopyName)}', as it has them for '{machine.Name}'.";
            }

            if (machine.HasDistributedMap && used.Contains(PermissionUse.GoTo))
            {
                yield return $"The definition has a Distributed Map: the copy of a precise resume reads the file of items to re-run with the state machine's role, which needs s3:GetObject on '{machine.ItemFilesArn(out _)}' (in the bucket the resume is given for it, else the one its ItemReader names), as it has on the items the Map reads now.";
            }

            if (machine.HasDistributedMap && used.Contains(PermissionUse.Redrive))
            {
                yield return $"The definition has a Distributed Map: redriving an execution whose Map Run failed redrives the Map Run's children with the state machine's role, which needs states:RedriveExecution on '{ChildrenOf(machine, machine.Name)}'.";
            }

            if (machine.HasDistributedMap && !used.Contains(PermissionUse.DistributedMap))
            {
                yield return $"The Distributed Map's runs and child executions ('{ChildrenOf(machine, machine.Name)}') are not in this policy: the DistributedMap use adds what the drill-down into the Map Run's children reads of them.";
            }

            if (machine.HasDistributedMap && used.Contains(PermissionUse.DistributedMap))
            {
                yield return $"Express children of the Distributed Map are read with states:DescribeExecution on 'arn:{machine.Partition}:states:{machine.Region}:{machine.Account}:express:{machine.Name}/*', which this policy does not grant: add it if the Map runs Express children.";
            }
        }

        private static string ChildrenOf(MachineSettings machine, string name) => $"arn:{machine.Partition}:states:{machine.Region}:{machine.Account}:execution:{name}/*";

        /// <summary>
        /// One statement per purpose, in the catalog's order. Actions of one purpose that are granted on the same
        /// resources share a statement; a statement grants each of its actions on each of its resources, so
        /// actions on other resources get one of their own (a policy without one permission stays exact), their
        /// Sids numbered.
        /// </summary>
        private static IReadOnlyList<(ResumePolicyStatement Statement, IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Condition)> StatementsOf(IReadOnlyList<PolicyGrant> grants)
        {
            var statements = new List<(ResumePolicyStatement Statement, IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Condition)>();
            var order = PermissionCatalog.Statements.Select(s => s.Sid).ToList();
            foreach (var purpose in grants.GroupBy(g => (g.Entry.Statement, g.ConditionKey)).OrderBy(g => order.IndexOf(g.Key.Statement)))
            {
                var condition = purpose.First().Condition;
                var byResources = purpose
                    .GroupBy(g => g.Action, StringComparer.Ordinal)
                    .Select(a => (Action: a.Key, Resources: a.Select(g => g.Resource).Distinct().ToList()))
                    .GroupBy(a => string.Join("\n", a.Resources), StringComparer.Ordinal);
                foreach (var group in byResources)
                {
                    statements.Add((new ResumePolicyStatement
                    {
                        Sid = purpose.Key.Statement,
                        Purpose = PermissionCatalog.Statements.First(s => s.Sid == purpose.Key.Statement).Purpose,
                        Actions = TextList.Of(group.Select(a => a.Action).OrderBy(a => a, StringComparer.Ordinal).ToList()),
                        Resources = TextList.Of(group.First().Resources),
                        Condition = condition.Count == 0 ? null : ConditionJson(condition),
                    }, condition));
                }
            }

            foreach (var same in statements.GroupBy(s => s.Statement.Sid).Where(g => g.Count() > 1).ToList())
            {
                var number = 1;
                foreach (var (statement, _) in same)
                {
                    statement.Sid += (number++).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            return statements;
        }

        private static string DocumentOf(IReadOnlyList<(ResumePolicyStatement Statement, IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Condition)> statements)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                writer.WriteStartObject();
                writer.WriteString("Version", "2012-10-17");
                writer.WriteStartArray("Statement");
                foreach (var (statement, condition) in statements)
                {
                    writer.WriteStartObject();
                    writer.WriteString("Sid", statement.Sid);
                    writer.WriteString("Effect", "Allow");
                    WriteList(writer, "Action", statement.Actions);
                    WriteList(writer, "Resource", statement.Resources);
                    if (condition.Count > 0)
                    {
                        writer.WritePropertyName("Condition");
                        WriteCondition(writer, condition);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            // The writer's line ends follow the platform: the document is the same text everywhere.
            return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n");
        }

        private static void WriteList(Utf8JsonWriter writer, string name, IEnumerable<string> values)
        {
            writer.WriteStartArray(name);
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        private static void WriteCondition(Utf8JsonWriter writer, IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> condition)
        {
            writer.WriteStartObject();
            writer.WriteStartObject("StringEquals");
            foreach (var pair in condition)
            {
                if (pair.Value.Count == 1)
                {
                    writer.WriteString(pair.Key, pair.Value[0]);
                }
                else
                {
                    WriteList(writer, pair.Key, pair.Value);
                }
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        private static string ConditionJson(IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> condition)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                WriteCondition(writer, condition);
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }
    }
}
