using System;

namespace SfnResume.PowerShell.Internal
{
    /// <summary>
    /// One item a cmdlet works on (an execution, a file) and the step it is at. <see cref="ErrorPolicy"/> reads
    /// both when the item fails: the message names the item, and an IOException is a file that could not be
    /// read, one that could not be written, or the network, by the step it was raised in rather than by its type.
    /// </summary>
    internal sealed class ItemScope
    {
        private string? subject;

        public ItemScope(object? target, ItemStep step, string? path = null)
        {
            Target = target;
            Step = step;
            Path = path;
        }

        /// <summary>What the error is about, as its TargetObject: the ARN, the path, the failure point.</summary>
        public object? Target { get; set; }

        /// <summary>How the message names the item: the target's text unless set (null: the message names nothing).</summary>
        public string? Subject
        {
            get => subject ?? Target?.ToString();
            set => subject = value;
        }

        public ItemStep Step { get; private set; }

        /// <summary>The file being read or written, in <see cref="ItemStep.ReadingFile"/> and <see cref="ItemStep.WritingFile"/>.</summary>
        public string? Path { get; private set; }

        /// <summary>The file the item's definition was read from; null when AWS or text gave it.</summary>
        public string? DefinitionFile { get; set; }

        /// <summary>The history was read from this file; null when it came from AWS.</summary>
        public string? HistoryFile { get; set; }

        /// <summary>What an error is about when it is not <see cref="Target"/> (a parameter's value, the file a part came from); null: the target.</summary>
        public Func<Exception, object?>? TargetFor { get; set; }

        /// <summary>The failure point the item came from, which carries parts of its history undecoded.</summary>
        public FailurePoint? FailurePoint { get; set; }

        /// <summary>
        /// Runs <paramref name="work"/> at another step, then goes back to this one. Not in a finally: when the
        /// work fails, the step it failed in is the one the error policy must see.
        /// </summary>
        public T Within<T>(ItemStep step, string? path, Func<T> work)
        {
            var (before, beforePath) = (Step, Path);
            MoveTo(step, path);
            var result = work();
            MoveTo(before, beforePath);
            return result;
        }

        /// <inheritdoc cref="Within{T}(ItemStep, string?, Func{T})"/>
        public void Within(ItemStep step, string? path, Action work)
        {
            Within(step, path, () =>
            {
                work();
                return true;
            });
        }

        /// <summary>Goes on at another step for the rest of the item.</summary>
        public void MoveTo(ItemStep step, string? path = null)
        {
            Step = step;
            Path = path;
        }
    }
}
