using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>
    /// A host whose user answers every confirmation prompt with the same choice (ShouldProcess's "[N] No" by
    /// default), and records the prompts in the order they were asked.
    /// </summary>
    public sealed class AnsweringHost : PSHost
    {
        private readonly AnsweringUserInterface ui;

        public AnsweringHost(string answer = "&No")
        {
            ui = new AnsweringUserInterface(answer);
        }

        /// <summary>The captions of the prompts asked, in order.</summary>
        public IReadOnlyList<string> Prompts => ui.Prompts;

        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;

        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

        public override Guid InstanceId { get; } = Guid.NewGuid();

        public override string Name => "AnsweringHost";

        public override PSHostUserInterface UI => ui;

        public override Version Version => new Version(1, 0);

        public override void EnterNestedPrompt() => throw new NotSupportedException();

        public override void ExitNestedPrompt() => throw new NotSupportedException();

        public override void NotifyBeginApplication()
        {
        }

        public override void NotifyEndApplication()
        {
        }

        public override void SetShouldExit(int exitCode)
        {
        }

        private sealed class AnsweringUserInterface : PSHostUserInterface
        {
            private readonly string answer;
            private readonly List<string> prompts = new List<string>();

            public AnsweringUserInterface(string answer)
            {
                this.answer = answer;
            }

            public IReadOnlyList<string> Prompts
            {
                get
                {
                    lock (prompts)
                    {
                        return prompts.ToArray();
                    }
                }
            }

            public override PSHostRawUserInterface? RawUI => null;

            public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
            {
                lock (prompts)
                {
                    prompts.Add(message);
                }

                for (var i = 0; i < choices.Count; i++)
                {
                    if (choices[i].Label == answer)
                    {
                        return i;
                    }
                }

                throw new InvalidOperationException($"No choice '{answer}' among {string.Join(", ", choices)}.");
            }

            public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw new NotSupportedException();

            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();

            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();

            public override string ReadLine() => throw new NotSupportedException();

            public override SecureString ReadLineAsSecureString() => throw new NotSupportedException();

            public override void Write(string value)
            {
            }

            public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value)
            {
            }

            public override void WriteDebugLine(string message)
            {
            }

            public override void WriteErrorLine(string value)
            {
            }

            public override void WriteLine(string value)
            {
            }

            public override void WriteProgress(long sourceId, ProgressRecord record)
            {
            }

            public override void WriteVerboseLine(string message)
            {
            }

            public override void WriteWarningLine(string message)
            {
            }
        }
    }
}
