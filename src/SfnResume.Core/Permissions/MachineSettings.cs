using System;
using System.Collections.Generic;
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

        /// <summary>
        /// A Distributed Map of its definition reads its items from an object in S3 (an ItemReader of
        /// <c>s3:getObject</c>); false when none does (items from the input, an S3 listing); null when not read.
        /// </summary>
        public bool? ItemsInS3 { get; set; }

        /// <summary>The bucket every Distributed Map's ItemReader names as a value (not a path into the input); null when one reads it from the input, they differ, or not known.</summary>
        public string? ItemReaderBucket { get; set; }

        /// <summary>The key every <c>s3:getObject</c> ItemReader names as a value, in <see cref="ItemReaderBucket"/>; null otherwise.</summary>
        public string? ItemReaderKey { get; set; }

        /// <summary>It runs a current resume-ready definition, so resumes start on it; null when not read.</summary>
        public bool? ResumeReady { get; set; }

        /// <summary>The host Step Functions calls KMS through, for <c>kms:ViaService</c>.</summary>
        public string StatesHost => $"states.{Region}.{(Partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com")}";

        /// <summary>The settings DescribeStateMachine gives.</summary>
        public static MachineSettings From(DescribeStateMachineResponse described)
        {
            var logging = described.LoggingConfiguration;
            var encryption = described.EncryptionConfiguration;
            var readers = string.IsNullOrEmpty(described.Definition) || described.Definition == "{}" ? null : ItemReadersIn(described.Definition);
            return new MachineSettings(described.StateMachineArn)
            {
                ItemsInS3 = readers?.Objects.Count > 0,
                ItemReaderBucket = readers?.Bucket,
                ItemReaderKey = readers?.Key,
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
            PermissionResource.ItemSource => ItemSourceArn(out _),
            PermissionResource.ItemFiles => ItemFilesArn(out _),
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

        /// <summary>
        /// The object the Distributed Map reads its items from, as its ItemReader names it: a part it reads from
        /// the input (or a definition not read) is a <c>*</c>, said in <paramref name="note"/>.
        /// </summary>
        public string ItemSourceArn(out string? note)
        {
            note = null;
            if (ItemReaderBucket != null && ItemReaderKey != null)
            {
                return S3Arn(ItemReaderBucket + "/" + ItemReaderKey);
            }

            var arn = S3Arn((ItemReaderBucket ?? "*") + "/*");
            note = $"The Distributed Map's ItemReader of '{Name}' does not name {(ItemReaderBucket == null ? "its bucket and key" : "its key")} in the definition ({(ItemsInS3 == null ? "the policy was written offline" : "it reads them from the input, or several Maps read different objects")}): "
                + $"s3:GetObject on its items is allowed on {arn}. Narrow it to the object the Map reads (arn:{Partition}:s3:::<bucket>/<key>) when that is always the same.";
            return arn;
        }

        /// <summary>
        /// Where a precise resume writes its file of items to re-run: <c>sfnresume/items/*</c> in the bucket every
        /// ItemReader names, else in any bucket (the one given with -ItemBucket), said in <paramref name="note"/>.
        /// </summary>
        public string ItemFilesArn(out string? note)
        {
            note = null;
            if (ItemReaderBucket != null)
            {
                return S3Arn(ItemReaderBucket + "/" + GoTo.Distributed.ItemFileLocation.DefaultPrefix + "*");
            }

            note = $"The file of items to re-run of a precise Distributed Map resume goes to the bucket the resume is given for it, as the definition of '{Name}' names none for all its Maps: "
                + $"the S3 statement allows {S3Arn("*/" + GoTo.Distributed.ItemFileLocation.DefaultPrefix + "*")}. Put that bucket in place of the first * (and the prefix given, if any, in place of {GoTo.Distributed.ItemFileLocation.DefaultPrefix}).";
            return S3Arn("*/" + GoTo.Distributed.ItemFileLocation.DefaultPrefix + "*");
        }

        /// <summary>S3's ARNs name no region or account: <c>arn:&lt;partition&gt;:s3:::&lt;bucket&gt;/&lt;key&gt;</c>.</summary>
        private string S3Arn(string path) => $"arn:{Partition}:s3:::{path}";

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

        /// <summary>
        /// The S3 objects the definition's Distributed Maps read their items from (ItemReader <c>s3:getObject</c>), and
        /// the bucket and key they all name as values; null when the definition cannot be parsed.
        /// </summary>
        private static ItemReaders? ItemReadersIn(string definition)
        {
            try
            {
                using var document = JsonDocument.Parse(definition);
                var maps = new List<JsonElement>();
                DistributedMaps(document.RootElement, maps);
                var objects = new List<(string? Bucket, string? Key)>();
                var buckets = new List<string?>();
                foreach (var map in maps)
                {
                    if (!(map.TryGetProperty("ItemReader", out var reader) && reader.ValueKind == JsonValueKind.Object))
                    {
                        // Items from the input: the file of items to re-run needs a bucket named (-ItemBucket).
                        buckets.Add(null);
                        continue;
                    }

                    var resource = reader.TryGetProperty("Resource", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : string.Empty;
                    var bucket = Literal(reader, "Bucket");
                    buckets.Add(bucket);
                    if (resource.EndsWith(":s3:getObject", StringComparison.Ordinal))
                    {
                        objects.Add((bucket, Literal(reader, "Key")));
                    }
                }

                var oneBucket = buckets.Count > 0 && buckets.All(b => b != null && b == buckets[0]) ? buckets[0] : null;
                var oneKey = oneBucket != null && objects.Count > 0 && objects.All(o => o.Key != null && o.Key == objects[0].Key) ? objects[0].Key : null;
                return new ItemReaders(objects, oneBucket, oneKey);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        /// <summary>A parameter of the ItemReader written as a value (JSONPath <c>Parameters</c> without <c>.$</c>, or a JSONata <c>Arguments</c> string that is no expression).</summary>
        private static string? Literal(JsonElement reader, string name)
        {
            foreach (var holder in new[] { "Parameters", "Arguments" })
            {
                if (reader.TryGetProperty(holder, out var parameters) && parameters.ValueKind == JsonValueKind.Object
                    && parameters.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    var text = value.GetString()!;
                    return text.StartsWith("{%", StringComparison.Ordinal) ? null : text;
                }
            }

            return null;
        }

        /// <summary>The Map states whose ItemProcessor (or Iterator) runs in DISTRIBUTED mode, at any depth.</summary>
        private static void DistributedMaps(JsonElement element, List<JsonElement> maps)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var processor in new[] { "ItemProcessor", "Iterator" })
                    {
                        if (element.TryGetProperty(processor, out var p) && p.ValueKind == JsonValueKind.Object && HasDistributedMode(p))
                        {
                            maps.Add(element);
                        }
                    }

                    foreach (var property in element.EnumerateObject())
                    {
                        DistributedMaps(property.Value, maps);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        DistributedMaps(item, maps);
                    }

                    break;
            }
        }

        private static bool HasDistributedMode(JsonElement processor) => processor.TryGetProperty("ProcessorConfig", out var config) && config.ValueKind == JsonValueKind.Object
            && config.TryGetProperty("Mode", out var mode) && mode.ValueKind == JsonValueKind.String && mode.GetString() == "DISTRIBUTED";

        private sealed class ItemReaders
        {
            public ItemReaders(IReadOnlyList<(string? Bucket, string? Key)> objects, string? bucket, string? key)
            {
                Objects = objects;
                Bucket = bucket;
                Key = key;
            }

            /// <summary>The objects the <c>s3:getObject</c> ItemReaders read, each part null where it is read from the input.</summary>
            public IReadOnlyList<(string? Bucket, string? Key)> Objects { get; }

            public string? Bucket { get; }

            public string? Key { get; }
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
