using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SfnResume.Tests.Infrastructure;

namespace SfnResume.Tests.Permissions
{
    /// <summary>One run of a README example: the world it ran in, what the session wrote, and what reached the endpoint.</summary>
    public sealed class FlowRun
    {
        public FlowRun(PermissionWorld world, PowerShellResult result, IReadOnlyList<ErrorRecord> errors, PowerShellSession session, LoopbackEndpoint endpoint, IamLoopback? iam)
        {
            World = world;
            Result = result;
            Errors = errors;
            Session = session;
            Endpoint = endpoint;
            Iam = iam;
        }

        public PermissionWorld World { get; }

        public PowerShellResult Result { get; }

        /// <summary>Every error of the run, those silenced by -ErrorAction SilentlyContinue included ($Error).</summary>
        public IReadOnlyList<ErrorRecord> Errors { get; }

        public PowerShellSession Session { get; }

        public LoopbackEndpoint Endpoint { get; }

        /// <summary>The policy's gate; null when the run had no policy in front of it.</summary>
        public IamLoopback? Iam { get; }

        /// <summary>A variable the example set ($results, $problems...).</summary>
        public IReadOnlyList<PSObject> Variable(string name) => Session.Run("$" + name).Output.Where(o => o != null).ToList();

        /// <summary>The runs started on the GoTo copy of the example's state machine.</summary>
        public int StartedOn(string machine) => World.Server.Started.Count(s => s.StateMachineArn == RedriveServer.MachineArn(machine));
    }
}
