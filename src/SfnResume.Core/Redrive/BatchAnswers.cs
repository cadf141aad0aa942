using System;
using System.Collections.Generic;
using System.Linq;

namespace SfnResume.Redrive
{
    /// <summary>
    /// The one place that makes sure every execution added to a batch is answered exactly once: a second
    /// answer for the same item is dropped, and when the batch ends, any item left without an answer (a bug
    /// on some path) is answered as failed rather than lost from the output.
    /// </summary>
    internal sealed class BatchAnswers
    {
        private readonly IRedriveBatchListener listener;
        private readonly Dictionary<RedrivePlanItem, bool> answered = new Dictionary<RedrivePlanItem, bool>();

        public BatchAnswers(IRedriveBatchListener listener)
        {
            this.listener = listener;
        }

        /// <summary>Answers given so far.</summary>
        public int Count { get; private set; }

        /// <summary>An item that will be answered.</summary>
        public void Expect(RedrivePlanItem item)
        {
            lock (answered)
            {
                answered.Add(item, false);
            }
        }

        /// <summary>Hands the answer on, unless its item was answered before; false then.</summary>
        public bool Give(RedriveAnswer answer)
        {
            lock (answered)
            {
                if (!answered.TryGetValue(answer.Item, out var done) || done)
                {
                    return false;
                }

                answered[answer.Item] = true;
                Count++;
            }

            listener.Answer(answer);
            return true;
        }

        /// <summary>Every item still without an answer, answered as failed: called once all the batch's work has ended.</summary>
        public void AnswerTheRest()
        {
            List<RedrivePlanItem> left;
            lock (answered)
            {
                left = answered.Where(a => !a.Value).Select(a => a.Key).ToList();
            }

            foreach (var item in left)
            {
                Give(RedriveAnswer.Failed(item, new InvalidOperationException($"SfnResume ended the batch without an outcome for '{item.ExecutionArn}'. Nothing more is known of it; look at the execution and run the command again for it.")));
            }
        }
    }
}
