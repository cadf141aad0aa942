using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// What AWS authorizes for each Step Functions request, written per operation from AWS's documents and not
    /// from SfnResume's permission catalog, so that a policy made from the catalog is judged by something else:
    /// <list type="bullet">
    /// <item>Service Authorization Reference for Step Functions: each operation's action on the ARN it names
    /// (an execution, a state machine, a Map Run; a Distributed Map's child is an execution
    /// <c>execution:&lt;machine&gt;/&lt;label&gt;:&lt;id&gt;</c>, and ListExecutions with a mapRunArn is authorized on the
    /// Map Run); CreateStateMachine also authorizes states:TagResource when it carries
    /// tags, and iam:PassRole on its role with <c>iam:PassedToService</c> = <c>states.amazonaws.com</c>
    /// (UpdateStateMachine with a role likewise); TestState and ListStateMachines take no resource.</item>
    /// <item>Developer guide, "IAM policies for logging to CloudWatch Logs": creating or updating a state machine
    /// with a log destination takes the eight log delivery actions, on <c>*</c>. Which of them AWS checks on
    /// which call is not documented: all eight are asked for here.</item>
    /// <item>API reference: callers of DescribeStateMachine, DescribeStateMachineForExecution and DescribeExecution
    /// (unless METADATA_ONLY) and GetExecutionHistory (with execution data) of a state machine with a customer
    /// managed key "must have kms:Decrypt"; StartExecution, CreateStateMachine and UpdateStateMachine encrypt with
    /// it (kms:GenerateDataKey). Step Functions makes those calls for the caller, with the state machine's ARN
    /// as encryption context (developer guide, "Data at rest encryption"); a refusal is KmsAccessDeniedException.</item>
    /// </list>
    /// </summary>
    public static class StepFunctionsAuthorization
    {
        private const string Region = "eu-west-1";

        private static readonly string[] LogDelivery =
        {
            "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery",
            "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups",
        };

        /// <summary>The checks of one request, in the order AWS makes them (the operation's own action first).</summary>
        /// <param name="keyOf">The customer managed key of a state machine (unqualified ARN), or null.</param>
        public static IReadOnlyList<AuthorizationCheck> For(RecordedRequest request, Func<string, string?> keyOf)
        {
            using var body = JsonDocument.Parse(request.Body);
            var root = body.RootElement;
            string Member(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty;
            bool Flag(string name, bool otherwise) => root.TryGetProperty(name, out var v) && (v.ValueKind == JsonValueKind.True || v.ValueKind == JsonValueKind.False) ? v.GetBoolean() : otherwise;
            var checks = new List<AuthorizationCheck>();
            var action = "states:" + request.Operation;
            switch (request.Operation)
            {
                case "DescribeExecution":
                    checks.Add(new AuthorizationCheck(action, Member("executionArn")));
                    if (Member("includedData") != "METADATA_ONLY")
                    {
                        checks.AddRange(Key("kms:Decrypt", MachineOfExecution(Member("executionArn")), keyOf));
                    }

                    break;
                case "GetExecutionHistory":
                    checks.Add(new AuthorizationCheck(action, Member("executionArn")));
                    if (Flag("includeExecutionData", otherwise: true))
                    {
                        checks.AddRange(Key("kms:Decrypt", MachineOfExecution(Member("executionArn")), keyOf));
                    }

                    break;
                case "DescribeStateMachineForExecution":
                    checks.Add(new AuthorizationCheck(action, Member("executionArn")));
                    if (Member("includedData") != "METADATA_ONLY")
                    {
                        checks.AddRange(Key("kms:Decrypt", MachineOfExecution(Member("executionArn")), keyOf));
                    }

                    break;
                case "RedriveExecution":
                    checks.Add(new AuthorizationCheck(action, Member("executionArn")));
                    break;
                case "DescribeStateMachine":
                    checks.Add(new AuthorizationCheck(action, Member("stateMachineArn")));
                    if (Member("includedData") != "METADATA_ONLY")
                    {
                        checks.AddRange(Key("kms:Decrypt", Unqualified(Member("stateMachineArn")), keyOf));
                    }

                    break;
                case "ListExecutions":
                    checks.Add(new AuthorizationCheck(action, Member("stateMachineArn").Length > 0 ? Member("stateMachineArn") : Member("mapRunArn")));
                    break;
                case "DescribeMapRun":
                    // The Map Run is a resource type of its own: mapRun:<machine>/<label>:<id>.
                    checks.Add(new AuthorizationCheck(action, Member("mapRunArn")));
                    break;
                case "ListStateMachines":
                    checks.Add(new AuthorizationCheck(action, "*"));
                    break;
                case "DeleteStateMachine":
                    checks.Add(new AuthorizationCheck(action, Member("stateMachineArn")));
                    break;
                case "ListTagsForResource":
                    checks.Add(new AuthorizationCheck(action, Member("resourceArn")));
                    break;
                case "StartExecution":
                    checks.Add(new AuthorizationCheck(action, Member("stateMachineArn")));
                    checks.AddRange(Key("kms:GenerateDataKey", Unqualified(Member("stateMachineArn")), keyOf));
                    break;
                case "CreateStateMachine":
                case "UpdateStateMachine":
                    var machine = request.Operation == "CreateStateMachine" ? RedriveServer.MachineArn(Member("name")) : Member("stateMachineArn");
                    checks.Add(new AuthorizationCheck(action, machine));
                    if (root.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array && tags.GetArrayLength() > 0)
                    {
                        checks.Add(new AuthorizationCheck("states:TagResource", machine));
                    }

                    if (Member("roleArn").Length > 0)
                    {
                        checks.Add(new AuthorizationCheck("iam:PassRole", Member("roleArn"), new Dictionary<string, string> { ["iam:PassedToService"] = "states.amazonaws.com" }));
                    }

                    if (Logs(root))
                    {
                        checks.AddRange(LogDelivery.Select(a => new AuthorizationCheck(a, "*")));
                    }

                    if (CustomerManagedKey(root) is { } key)
                    {
                        checks.Add(KeyCheck("kms:GenerateDataKey", machine, key));
                    }
                    else
                    {
                        checks.AddRange(Key("kms:GenerateDataKey", machine, keyOf));
                    }

                    break;
                case "TestState":
                    checks.Add(new AuthorizationCheck(action, "*"));
                    if (Member("roleArn").Length > 0)
                    {
                        checks.Add(new AuthorizationCheck("iam:PassRole", Member("roleArn"), new Dictionary<string, string> { ["iam:PassedToService"] = "states.amazonaws.com" }));
                    }

                    break;
                default:
                    throw new NotSupportedException($"No authorization rule for {request.Operation}: add one before a test depends on it.");
            }

            return checks;
        }

        /// <summary>The customer managed key a create or update sets, from its encryption configuration.</summary>
        public static string? CustomerManagedKey(JsonElement root)
        {
            return root.TryGetProperty("encryptionConfiguration", out var encryption) && encryption.ValueKind == JsonValueKind.Object
                && encryption.TryGetProperty("type", out var type) && type.GetString() == "CUSTOMER_MANAGED_KMS_KEY"
                && encryption.TryGetProperty("kmsKeyId", out var id) ? id.GetString() : null;
        }

        private static bool Logs(JsonElement root)
        {
            return root.TryGetProperty("loggingConfiguration", out var logging) && logging.ValueKind == JsonValueKind.Object
                && !(logging.TryGetProperty("level", out var level) && level.GetString() == "OFF")
                && logging.TryGetProperty("destinations", out var destinations) && destinations.ValueKind == JsonValueKind.Array && destinations.GetArrayLength() > 0;
        }

        private static IEnumerable<AuthorizationCheck> Key(string action, string machine, Func<string, string?> keyOf)
        {
            var key = keyOf(machine);
            return key == null ? Enumerable.Empty<AuthorizationCheck>() : new[] { KeyCheck(action, machine, key) };
        }

        private static AuthorizationCheck KeyCheck(string action, string machine, string key) => new AuthorizationCheck(action, key, new Dictionary<string, string>
        {
            ["kms:EncryptionContext:aws:states:stateMachineArn"] = machine,
            ["kms:ViaService"] = $"states.{Region}.amazonaws.com",
        }, "KmsAccessDeniedException");

        private static string MachineOfExecution(string executionArn)
        {
            var parts = executionArn.Split(':');
            return string.Join(":", parts.Take(5)) + ":stateMachine:" + parts[6];
        }

        private static string Unqualified(string stateMachineArn) => string.Join(":", stateMachineArn.Split(':').Take(7));
    }
}
