using System;
using System.Collections.Generic;
using System.Text.Json;

namespace SfnResume.GoTo
{
    /// <summary>
    /// A resume that cannot be prepared as asked: the problem, and the facts a caller needs to say what to do
    /// in its own terms (the states, the part of the input, the JSON error). The message states the facts only.
    /// </summary>
    public sealed class ResumeRequestException : Exception
    {
        private ResumeRequestException(ResumeProblem problem, string message, Exception? inner = null)
            : base(message, inner)
        {
            Problem = problem;
        }

        public ResumeProblem Problem { get; }

        /// <summary>The state the problem is about: the one asked for, or the one whose input is unknown.</summary>
        public string? StateName { get; private set; }

        /// <summary>NotTopLevelState: the top-level state holding <see cref="StateName"/>, where a resume can start.</summary>
        public string? Ancestor { get; private set; }

        /// <summary>NotTopLevelState: a resume of the whole state was asked for, which only starts at a top-level state.</summary>
        public bool WholeStateAsked { get; private set; }

        /// <summary>UnknownState: the definition's top-level states (none when it has no states).</summary>
        public IReadOnlyList<string> TopLevelStates { get; private set; } = Array.Empty<string>();

        /// <summary>InvalidInput: which input is not JSON.</summary>
        public ResumeInputPart InputPart { get; private set; }

        /// <summary>InvalidInput of a recorded part: the failure point's property, e.g. <c>ResumeInput</c> or <c>Variables['attempt']</c>.</summary>
        public string? Property { get; private set; }

        /// <summary>The execution (its name) the failure point is of, when one is.</summary>
        public string? ExecutionName { get; private set; }

        public static ResumeRequestException FailurePointWithoutExecution(string executionName) =>
            new ResumeRequestException(ResumeProblem.FailurePointWithoutExecution, $"The failure point '{executionName}' was read from a file and names no state machine.")
            {
                ExecutionName = executionName,
            };

        public static ResumeRequestException NoResumeState(string executionName) =>
            new ResumeRequestException(ResumeProblem.NoResumeState, $"The failure point of '{executionName}' names no state to resume at.") { ExecutionName = executionName };

        /// <summary>No failure point and no state named: a state machine or a definition alone does not say where a resume starts.</summary>
        /// <param name="topLevelStates">The definition's top-level states, when it is at hand; empty when not.</param>
        public static ResumeRequestException NoStateNamed(IReadOnlyList<string> topLevelStates) =>
            new ResumeRequestException(ResumeProblem.NoResumeState, "No state to resume at was named: a state machine alone does not say where a resume starts."
                + (topLevelStates.Count == 0 ? string.Empty : $" Its top-level states are: {string.Join(", ", System.Linq.Enumerable.Select(topLevelStates, s => $"'{s}'"))}."))
            {
                TopLevelStates = topLevelStates,
            };

        /// <param name="message">Where nothing was recorded: the history as a whole, or one branch or iteration.</param>
        public static ResumeRequestException InputUnknown(string stateName, string? executionName, string message) =>
            new ResumeRequestException(ResumeProblem.ResumeInputUnknown, message) { StateName = stateName, ExecutionName = executionName };

        public static ResumeRequestException UnknownState(string stateName, IReadOnlyList<string> topLevelStates) =>
            new ResumeRequestException(ResumeProblem.UnknownState, topLevelStates.Count == 0
                ? $"The definition has no states, so there is no '{stateName}' to resume at."
                : $"The state machine has no state '{stateName}'. Its top-level states are: {string.Join(", ", System.Linq.Enumerable.Select(topLevelStates, s => $"'{s}'"))}.")
            {
                StateName = stateName,
                TopLevelStates = topLevelStates,
            };

        /// <param name="why">Why it cannot be resumed inside its container, a clause.</param>
        public static ResumeRequestException NotTopLevel(string stateName, string ancestor, bool wholeStateAsked, string why) =>
            new ResumeRequestException(ResumeProblem.NotTopLevelState, $"'{stateName}' is inside '{ancestor}': {why}.")
            {
                StateName = stateName,
                Ancestor = ancestor,
                WholeStateAsked = wholeStateAsked,
            };

        /// <summary>InvalidInput: where the text breaks and why, as a person reads it ("line 1, column 9: ..."), from <see cref="Json.JsonSyntax"/>.</summary>
        public string? SyntaxError { get; private set; }

        /// <param name="text">The text that is not JSON, to say where it breaks as an editor counts; null when not at hand.</param>
        /// <param name="property">For a recorded part, the failure point's property.</param>
        /// <param name="executionName">For a recorded part, the execution the failure point is of.</param>
        public static ResumeRequestException InvalidJson(ResumeInputPart part, JsonException error, string? text, string? property = null, string? executionName = null)
        {
            var syntax = Json.JsonSyntax.Describe(error, text);
            var message = part switch
            {
                ResumeInputPart.Recorded => $"The failure point of '{executionName}' has a {property} that is not JSON: {syntax}.",
                ResumeInputPart.Patch => $"The patch to the input is not JSON: {syntax}.",
                _ => $"The input to resume with is not JSON: {syntax}.",
            };
            return new ResumeRequestException(ResumeProblem.InvalidInput, message, error) { InputPart = part, Property = property, ExecutionName = executionName, SyntaxError = syntax };
        }
    }
}
