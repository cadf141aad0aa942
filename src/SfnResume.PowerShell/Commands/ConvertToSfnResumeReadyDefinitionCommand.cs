using System;
using System.IO;
using System.Management.Automation;
using System.Text;
using SfnResume.PowerShell.Internal;
using SfnResume.ResumeReady;

namespace SfnResume.PowerShell.Commands
{
    /// <summary>
    /// Turns a definition into its resume-ready form, for a team's IaC to deploy as the machine's own definition:
    /// ordinary input runs it exactly as the original, and resumes start on the machine itself. Offline; the same
    /// bytes every time for the same input.
    /// </summary>
    [Cmdlet(VerbsData.ConvertTo, "SfnResumeReadyDefinition", DefaultParameterSetName = DefinitionSet, SupportsShouldProcess = true, HelpUri = HelpLinks.ConvertToSfnResumeReadyDefinition)]
    [OutputType(typeof(string))]
    public sealed class ConvertToSfnResumeReadyDefinitionCommand : PSCmdlet
    {
        private const string PathSet = "Path";
        private const string DefinitionSet = "Definition";

        /// <summary>The definition file (Amazon States Language JSON), as the team's IaC keeps it.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = PathSet)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>The definition as text (Get-Content -Raw).</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = DefinitionSet)]
        [ValidateNotNullOrEmpty]
        public string Definition { get; set; } = string.Empty;

        /// <summary>Write the resume-ready definition to this file (UTF-8, no BOM) instead of the pipeline.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        protected override void ProcessRecord()
        {
            var errors = new ErrorPolicy(MyInvocation.MyCommand.Parameters.Keys);
            var item = new ItemScope(ParameterSetName == PathSet ? Path : null, ItemStep.Computing);
            try
            {
                string text;
                if (ParameterSetName == PathSet)
                {
                    if (ProviderPaths.DefinitionFile(SessionState, Path, "-Path", out var notOne) is not string file)
                    {
                        WriteError(notOne!);
                        return;
                    }

                    item.DefinitionFile = file;
                    text = item.Within(ItemStep.ReadingFile, file, () => File.ReadAllText(file));
                }
                else
                {
                    text = Definition;
                }

                var ready = ResumeReadyDefinitions.Make(text);
                if (OutFile == null)
                {
                    WriteObject(ready);
                    return;
                }

                var destination = GetUnresolvedProviderPathFromPSPath(OutFile);
                if (Directory.Exists(destination))
                {
                    // Said as what it is; writing would fail with the system's "Access denied".
                    WriteError(ErrorRecords.PathIsFolder(destination, "-OutFile", $"Name a file in it, e.g. -OutFile '{System.IO.Path.Combine(destination, "definition.resume-ready.asl.json")}'."));
                    return;
                }

                if (ShouldProcess(destination, "Write the resume-ready definition"))
                {
                    item.Within(ItemStep.WritingFile, destination, () => File.WriteAllText(destination, ready, new UTF8Encoding(false)));
                }
            }
            catch (Exception e) when (!ErrorPolicy.IsFatal(e))
            {
                WriteError(errors.Record(e, item));
            }
        }
    }
}
