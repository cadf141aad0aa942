namespace SfnResume.Definitions
{
    /// <summary>Where one state sits in a state machine definition.</summary>
    public sealed class StateInfo
    {
        public StateInfo(string name, string type, StateInfo? container, int? branchIndex, string? next, bool discardsResult = false)
        {
            Name = name;
            Type = type;
            Container = container;
            BranchIndex = branchIndex;
            Next = next;
            DiscardsResult = discardsResult;
        }

        /// <summary>JSONPath <c>"ResultPath": null</c>: the state's result is thrown away and its input passed on.</summary>
        public bool DiscardsResult { get; }

        public string Name { get; }

        /// <summary>The ASL type: Task, Pass, Choice, Wait, Succeed, Fail, Parallel or Map.</summary>
        public string Type { get; }

        /// <summary>The Parallel or Map state whose branch or item processor holds this state; null at the top level.</summary>
        public StateInfo? Container { get; }

        /// <summary>For a state inside a Parallel, which branch (0-based) holds it.</summary>
        public int? BranchIndex { get; }

        /// <summary>The state's <c>Next</c>, if it has one.</summary>
        public string? Next { get; }

        public bool IsTopLevel => Container == null;

        /// <summary>Its exit ends its branch, iteration or execution successfully: a Succeed state, or one with <c>End</c>.</summary>
        public bool EndsBranch => Type == "Succeed" || (Next == null && Type != "Choice" && Type != "Fail");

        /// <summary>The top-level state that (eventually) contains this one; itself at the top level.</summary>
        public StateInfo TopLevelAncestor
        {
            get
            {
                var current = this;
                while (current.Container != null)
                {
                    current = current.Container;
                }

                return current;
            }
        }
    }
}
