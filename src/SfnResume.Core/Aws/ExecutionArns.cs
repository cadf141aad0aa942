using System;
using System.IO;
using System.Linq;

namespace SfnResume.Aws
{
    /// <summary>Reading parts of execution ARNs: <c>arn:partition:states:region:account:execution:stateMachine:name</c>.</summary>
    public static class ExecutionArns
    {
        /// <summary>The execution's name, the last ARN segment; the whole text when it is not an ARN.</summary>
        public static string NameOf(string executionArn)
        {
            var parts = executionArn.Split(':');
            return parts.Length >= 8 ? parts[7] : executionArn;
        }

        /// <summary>
        /// Whether the text has the shape of an execution ARN (Standard <c>...:execution:machine:name</c> or
        /// Express <c>...:express:machine:name:id</c>), so a typo is caught here rather than sent to AWS.
        /// </summary>
        public static bool IsValid(string? executionArn)
        {
            if (string.IsNullOrEmpty(executionArn))
            {
                return false;
            }

            var parts = executionArn!.Split(':');
            return parts.Length >= 8 && parts[0] == "arn" && parts[1].Length > 0 && parts[2] == "states" && parts[3].Length > 0
                && (parts[5] == "execution" || parts[5] == "express") && parts[6].Length > 0 && parts[7].Length > 0;
        }

        /// <summary>Express executions have ARNs of the form <c>arn:...:states:region:account:express:machine:name:id</c>.</summary>
        public static bool IsExpress(string executionArn)
        {
            var parts = executionArn.Split(':');
            return parts.Length > 5 && parts[5] == "express";
        }

        /// <summary>
        /// The state machine an execution belongs to: <c>...:execution:Machine:name</c> becomes
        /// <c>...:stateMachine:Machine</c>. Null when the text is not an execution ARN.
        /// </summary>
        public static string? StateMachineOf(string executionArn)
        {
            var parts = executionArn.Split(':');
            if (parts.Length < 8 || parts[5] != "execution")
            {
                return null;
            }

            return string.Join(":", parts.Take(5)) + ":stateMachine:" + parts[6];
        }

        /// <summary>
        /// The ARN of the execution named <paramref name="executionName"/> of a state machine: <c>...:stateMachine:Machine</c>
        /// becomes <c>...:execution:Machine:name</c>, the inverse of <see cref="StateMachineOf"/>.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="stateMachineArn"/> is not a state machine ARN.</exception>
        public static string For(string stateMachineArn, string executionName)
        {
            var parts = stateMachineArn.Split(':');
            if (parts.Length < 7 || parts[5] != "stateMachine")
            {
                throw new ArgumentException($"'{stateMachineArn}' is not a state machine ARN.", nameof(stateMachineArn));
            }

            return string.Join(":", parts.Take(5)) + ":execution:" + parts[6] + ":" + executionName;
        }

        /// <summary>A file name for the execution: its name with characters no file system accepts replaced.</summary>
        public static string FileNameFor(string executionArn)
        {
            var invalid = Path.GetInvalidFileNameChars().Concat(new[] { ':', '*', '?', '"', '<', '>', '|', '\\', '/' }).ToArray();
            var name = NameOf(executionArn);
            return new string(name.Select(c => invalid.Contains(c) ? '_' : c).ToArray());
        }
    }
}
