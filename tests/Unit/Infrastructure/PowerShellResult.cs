using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace SfnResume.Tests.Infrastructure
{
    /// <summary>Everything one script wrote, stream by stream.</summary>
    public sealed class PowerShellResult
    {
        public PowerShellResult(IReadOnlyList<PSObject> output, PSDataStreams streams, ErrorRecord? terminatingError)
        {
            Output = output;
            TerminatingError = terminatingError;
            Errors = streams.Error.Concat(terminatingError == null ? Enumerable.Empty<ErrorRecord>() : new[] { terminatingError }).ToList();
            Verbose = streams.Verbose.Select(v => v.Message).ToList();
            Debug = streams.Debug.Select(d => d.Message).ToList();
            Warnings = streams.Warning.Select(w => w.Message).ToList();
            Information = streams.Information.Select(i => i.MessageData?.ToString() ?? string.Empty).ToList();
            Progress = streams.Progress.ToList();
        }

        public IReadOnlyList<PSObject> Output { get; }

        /// <summary>All errors, the terminating one (if any) last.</summary>
        public IReadOnlyList<ErrorRecord> Errors { get; }

        /// <summary>The error that stopped the script, when one did.</summary>
        public ErrorRecord? TerminatingError { get; }

        public IReadOnlyList<string> Verbose { get; }

        public IReadOnlyList<string> Debug { get; }

        public IReadOnlyList<string> Warnings { get; }

        public IReadOnlyList<string> Information { get; }

        public IReadOnlyList<ProgressRecord> Progress { get; }

        /// <summary>Every text a user could see: output objects with their properties, every stream, every error in full.</summary>
        public string EverythingVisible()
        {
            var texts = new List<string>();
            foreach (var item in Output)
            {
                texts.Add(item.ToString());
                texts.AddRange(item.Properties.Select(p => SafeValue(p)));
            }

            foreach (var error in Errors)
            {
                texts.Add(error.ToString());
                texts.Add(error.FullyQualifiedErrorId);
                texts.Add(error.Exception.ToString());
                texts.Add(error.ErrorDetails?.Message ?? string.Empty);
                texts.Add(error.TargetObject?.ToString() ?? string.Empty);
                texts.Add(error.CategoryInfo.ToString());
            }

            texts.AddRange(Verbose);
            texts.AddRange(Debug);
            texts.AddRange(Warnings);
            texts.AddRange(Information);
            texts.AddRange(Progress.Select(p => p.Activity + " " + p.StatusDescription + " " + p.CurrentOperation));
            return string.Join("\n", texts);
        }

        private static string SafeValue(PSPropertyInfo property)
        {
            try
            {
                return property.Name + "=" + property.Value;
            }
            catch (GetValueException e)
            {
                return property.Name + "!" + e.Message;
            }
        }
    }
}
