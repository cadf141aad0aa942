using System;
using System.Linq;
using SfnResume.Redrive;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.Redrive
{
    /// <summary>The one place that answers each execution of a batch exactly once.</summary>
    public sealed class BatchAnswersTests
    {
        private static RedrivePlanItem Item(string name) => new RedrivePlanItem(new RedriveTarget("arn:aws:states:eu-west-1:123456789012:execution:Orders:" + name));

        [Fact]
        public void A_second_answer_for_the_same_execution_is_dropped()
        {
            var listener = new CollectingListener();
            var answers = new BatchAnswers(listener);
            var item = Item("a");
            answers.Expect(item);

            Assert.True(answers.Give(RedriveAnswer.Planned(item)));
            Assert.False(answers.Give(RedriveAnswer.Failed(item, new InvalidOperationException("late"))));

            Assert.Equal(RedriveAnswerKind.Planned, Assert.Single(listener.Answers).Kind);
        }

        [Fact]
        public void An_execution_left_without_an_answer_is_answered_as_failed_when_the_batch_ends_and_the_others_are_not_answered_again()
        {
            var listener = new CollectingListener();
            var answers = new BatchAnswers(listener);
            var answered = Item("answered");
            var forgotten = Item("forgotten");
            answers.Expect(answered);
            answers.Expect(forgotten);
            answers.Give(RedriveAnswer.Planned(answered));

            answers.AnswerTheRest();

            Assert.Equal(2, listener.Answers.Count);
            var failure = listener.Answers.Single(a => a.Item == forgotten);
            Assert.Equal(RedriveAnswerKind.Failed, failure.Kind);
            Assert.Contains(forgotten.ExecutionArn, failure.Error!.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void An_answer_for_an_execution_the_batch_was_not_given_is_not_passed_on()
        {
            var listener = new CollectingListener();
            var answers = new BatchAnswers(listener);

            Assert.False(answers.Give(RedriveAnswer.Planned(Item("stranger"))));
            Assert.Empty(listener.Answers);
        }
    }
}
