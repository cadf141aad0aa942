using System;
using System.Collections.Generic;
using SfnResume.Permissions;

namespace SfnResume.Tests.Permissions
{
    /// <summary>
    /// One example of the README, as a user runs it: its lines exactly as the README has them, on one state
    /// machine of <see cref="PermissionWorld"/>, with what the user checks afterwards.
    /// </summary>
    public sealed class ReadmeFlow
    {
        public ReadmeFlow(string name, string machine, IReadOnlyList<PermissionUse> uses, IReadOnlyList<string> commands, IReadOnlyList<string> lines, Func<FlowRun, string?> check)
        {
            Name = name;
            Machine = machine;
            Uses = uses;
            Commands = commands;
            Lines = lines;
            Check = check;
        }

        public string Name { get; }

        /// <summary>The state machine of <see cref="PermissionWorld"/> it works on ($stateMachineArn).</summary>
        public string Machine { get; }

        /// <summary>What a policy must be for to let it through (Get-SfnResumePolicy -Use).</summary>
        public IReadOnlyList<PermissionUse> Uses { get; }

        /// <summary>The commands it runs, as the README's permissions section names them.</summary>
        public IReadOnlyList<string> Commands { get; }

        /// <summary>Its lines, each one a line of the README.</summary>
        public IReadOnlyList<string> Lines { get; }

        /// <summary>What the user checks once it ran: null when it did what the README says, else what is wrong.</summary>
        public Func<FlowRun, string?> Check { get; }

        /// <summary>The failed execution it is about ($executionArn); by default the first that takes the GoTo path.</summary>
        public string Execution { get; set; } = "order-0954";

        /// <summary>The world as this example needs it beyond <see cref="PermissionWorld"/>'s.</summary>
        public Action<PermissionWorld>? Arrange { get; set; }

        public override string ToString() => Name;
    }
}
