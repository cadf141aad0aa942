using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using SfnResume.Permissions;
using SfnResume.Tests.Infrastructure;

namespace SfnResume.Tests.Permissions
{
    /// <summary>
    /// One PowerShell session for the README's examples, and the policies Get-SfnResumePolicy writes for the
    /// state machines they run on, each read from the state machine as a user's command reads it.
    /// </summary>
    public sealed class PolicyFixture : IDisposable
    {
        private readonly ConcurrentDictionary<string, ResumePolicy> policies = new ConcurrentDictionary<string, ResumePolicy>(StringComparer.Ordinal);

        public FlowRunner Runner { get; } = new FlowRunner();

        /// <summary>What Get-SfnResumePolicy -StateMachineArn writes for <paramref name="machine"/>: for <paramref name="uses"/>, or without -Use.</summary>
        public ResumePolicy Policy(string machine, IEnumerable<PermissionUse>? uses = null)
        {
            var names = uses?.Select(u => u.ToString()).ToArray();
            return policies.GetOrAdd(machine + ":" + (names == null ? "default" : string.Join(",", names)), _ =>
            {
                using var world = new PermissionWorld();
                using var endpoint = new LoopbackEndpoint(world.Handler);
                var written = Runner.Session.Run(
                    "Get-SfnResumePolicy -StateMachineArn $arn -EndpointUrl $endpoint -Region eu-west-1 -AccessKey AKIDEXAMPLE -SecretKey secret" + (names == null ? string.Empty : " -Use $uses"),
                    new Dictionary<string, object?> { ["arn"] = RedriveServer.MachineArn(machine), ["uses"] = names, ["endpoint"] = endpoint.Url });
                if (written.Errors.Count > 0 || written.Output.Count != 1)
                {
                    throw new InvalidOperationException($"Get-SfnResumePolicy wrote no policy for {machine}: {string.Join("; ", written.Errors)}");
                }

                return (ResumePolicy)written.Output[0].BaseObject;
            });
        }

        public void Dispose() => Runner.Dispose();
    }
}
