using System;
using System.Linq;
using System.Text.Json;
using SfnResume.Aws.Model;
using SfnResume.Definitions;
using SfnResume.GoTo;
using SfnResume.ResumeReady;

namespace SfnResume.Permissions
{
    /// <summary>
    /// What a policy for one state machine needs to know of it: where it is (partition, region, account, name:
    /// all in its ARN), the role its GoTo copy is given, and the settings the copy keeps that call for more
    /// permissions (logging, a customer managed key). Read from DescribeStateMachine, or given.
    /// </summary>
    public sealed class MachineSettings
    {
        /// <param name="stateMachineArn">The state machine, or a version or alias of it (the qualifier is dropped).</param>
        /// <exception cref="ArgumentException">Not a state machine ARN.</exception>
        public MachineSettings(string stateMachineArn)
        {
            if (!Aws.StateMachineArns.IsValid(stateMachineArn))
            {
                throw new ArgumentException($"'{stateMachineArn}' is not a state machine ARN.", nameof(stateMachineArn));
            }

            var parts = stateMachineArn.Split(':');
            Partition = parts[1];
            Region = parts[3];
            Account = parts[4];
            Name = parts[6];
        }

        public string Partition { get; }

        public string Region { get; }

        public string Account { get; }

        public string Name { get; }

        /// <summary>The state machine's own ARN, without a version or alias.</summary>
        public string StateMachineArn => StatesArn("stateMachine:" + Name);

        public string CopyName => GoToCopyNames.NameFor(Name);

        public string CopyArn => StatesArn("stateMachine:" + CopyName);

        /// <summary>The state machine's role: the GoTo copy runs with it, so iam:PassRole names it.</summary>
        public string? RoleArn { get; set; }

        /// <summary>It logs to CloudWatch Logs, which the copy keeps.</summary>
        public bool Logs { get; set; }

        /// <summary>The name of the log group it logs to (its logging configuration's destination); null when not known.</summary>
        public string? LogGroupName { get; set; }

        /// <summary>The customer managed KMS key its data is encrypted with (a key ARN, key id, alias or alias ARN); null: an AWS owned key.</summary>
        public string? KmsKeyId { get; set; }

        /// <summary>STANDARD or EXPRESS; null when not read.</summary>
        public string? Type { get; set; }

        /// <summary>Its definition has a Distributed Map (child executions of its own); false when not read.</summary>
        public bool HasDistributedMap { get; set; }

        /// <summary>It runs a current resume-ready definition, so resumes start on it; null when not read.</summary>
        public bool? ResumeReady { get; set; }

        /// <summary>The host Step Functions calls KMS through, for <c>kms:ViaService</c>.</summary>
        public string StatesHost => $"states.{Region}.{(Partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com")}";

        /// <summary>The settings DescribeStateMachine gives.</summary>
        public static MachineSettings From(DescribeStateMachineResponse described)
        {
            var logging = described.LoggingConfiguration;
            var encryption = described.EncryptionConfiguration;
            return new MachineSettings(described.StateMachineArn)
            {
                RoleArn = string.IsNullOrEmpty(described.RoleArn) ? null : described.RoleArn,
                Logs = logging != null && !string.Equals(logging.Level, "OFF", StringComparison.OrdinalIgnoreCase) && (logging.Destinations?.Count ?? 0) > 0,
                LogGroupName = Express.LogGroupArns.NameOf(logging?.Destinations?.Select(d => d.CloudWatchLogsLogGroup?.LogGroupArn).FirstOrDefault(a => a != null)),
                KmsKeyId = encryption != null && encryption.Type == "CUSTOMER_MANAGED_KMS_KEY" && !string.IsNullOrEmpty(encryption.KmsKeyId) ? encryption.KmsKeyId : null,
                Type = string.IsNullOrEmpty(described.Type) ? null : described.Type,
                HasDistributedMap = DistributedMapIn(described.Definition),
                ResumeReady = string.IsNullOrEmpty(described.Definition) || described.Definition == "{}" ? (bool?)null : IsResumeReady(described.Definition),
            };
        }

        /// <summary>The ARN (or pattern) a resource stands for on this state machine.</summary>
        public string ArnOf(PermissionResource resource) => resource switch
        {
            PermissionResource.Machine => StateMachineArn,
            PermissionResource.MachineVersions => StateMachineArn + ":*",
            PermissionResource.Executions => StatesArn("execution:" + Name + ":*"),
            PermissionResource.Copy => CopyArn,
            PermissionResource.CopyExecutions => StatesArn("execution:" + CopyName + ":*"),
            PermissionResource.MapRuns => StatesArn("mapRun:" + Name + "/*"),
            PermissionResource.MapRunChildren => StatesArn("execution:" + Name + "/*"),
            PermissionResource.Role => RoleArn ?? throw new InvalidOperationException("The state machine's role is not known."),
            PermissionResource.MachineKey => KeyArn(out _),
            PermissionResource.LogGroup => LogGroupArn(out _),
            _ => "*",
        };

        /// <summary>
        /// The key's ARN. A key id is written out in the state machine's region and account; an alias names no key
        /// an IAM policy can match (IAM matches the key's ARN), so then any key of that account and region:
        /// the statement's encryption context still limits it to this state machine's data.
        /// </summary>
        /// <param name="note">Why the resource is wider than one key; null when it is the key's own ARN.</param>
        public string KeyArn(out string? note)
        {
            note = null;
            var id = KmsKeyId ?? throw new InvalidOperationException("The state machine has no customer managed key.");
            if (id.StartsWith("arn:", StringComparison.Ordinal))
            {
                var parts = id.Split(':');
                if (parts.Length >= 6 && parts[5].StartsWith("key/", StringComparison.Ordinal))
                {
                    return id;
                }

                note = $"The state machine's key is named by its alias ('{id}'): the KMS statement allows the keys of {parts.ElementAtOrDefault(4)} in {parts.ElementAtOrDefault(3)}, limited by the encryption context to this state machine's data. Name the key by its ARN to allow that key only.";
                return $"arn:{parts.ElementAtOrDefault(1)}:kms:{parts.ElementAtOrDefault(3)}:{parts.ElementAtOrDefault(4)}:key/*";
            }

            if (id.StartsWith("alias/", StringComparison.Ordinal))
            {
                note = $"The state machine's key is named by its alias ('{id}'): the KMS statement allows the keys of {Account} in {Region}, limited by the encryption context to this state machine's data. Name the key by its ARN to allow that key only.";
                return $"arn:{Partition}:kms:{Region}:{Account}:key/*";
            }

            return $"arn:{Partition}:kms:{Region}:{Account}:key/{id}";
        }

        /// <summary>
        /// The log group's ARN, its streams included (<c>...:log-group:&lt;name&gt;:*</c>). A log group not known (offline, or
        /// the state machine does not log) is any of the account's in the region, said in <paramref name="note"/>.
        /// </summary>
        public string LogGroupArn(out string? note)
        {
            var prefix = $"arn:{Partition}:logs:{Region}:{Account}:log-group:";
            if (LogGroupName != null)
            {
                note = null;
                return prefix + LogGroupName + ":*";
            }

            note = $"The log group of '{Name}' is not known (it does not log, or the policy was written offline): the CloudWatch Logs statements allow every log group of {Account} in {Region}. Write the policy from the state machine itself once it logs, to name its group only.";
            return prefix + "*";
        }

        private string StatesArn(string rest) => $"arn:{Partition}:states:{Region}:{Account}:{rest}";

        /// <summary>Whether the definition is the current resume-ready form of one (what a resume on the machine needs).</summary>
        private static bool IsResumeReady(string definition)
        {
            try
            {
                return ResumeReadyDefinitions.Inspect(definition).Status == ResumeReadyStatus.Current;
            }
            catch (DefinitionFormatException)
            {
                return false;
            }
        }

        /// <summary>Whether any Map of the definition runs in DISTRIBUTED mode (its iterations are executions of their own).</summary>
        private static bool DistributedMapIn(string definition)
        {
            try
            {
                using var document = JsonDocument.Parse(definition);
                return HasDistributed(document.RootElement);
            }
            catch (JsonException)
            {
                return false;
            }
        }

        private static bool HasDistributed(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    if (element.TryGetProperty("ProcessorConfig", out var config) && config.ValueKind == JsonValueKind.Object
                        && config.TryGetProperty("Mode", out var mode) && mode.ValueKind == JsonValueKind.String && mode.GetString() == "DISTRIBUTED")
                    {
                        return true;
                    }

                    return element.EnumerateObject().Any(p => HasDistributed(p.Value));
                case JsonValueKind.Array:
                    return element.EnumerateArray().Any(HasDistributed);
                default:
                    return false;
            }
        }
    }
}
