using System.IO;
using System.Linq;
using System.Text.Json;
using SfnResume.History;
using SfnResume.Tests.Infrastructure;
using Xunit;

namespace SfnResume.Tests.History
{
    /// <summary>
    /// Every history in tests/fixtures/aws-histories (failed executions recorded against AWS, from LocalStack's
    /// snapshot tests) and the seed's real 2017 history: the failed state, the resume state, the input it was
    /// entered with and the error, as an operator reading the history would name them.
    /// </summary>
    public sealed class RecordedHistoryTests
    {
        // history file, failed state, resume state, recorded input of the resume state (compact JSON), error
        public static readonly TheoryData<string, string, string, string, string?> Recorded = new TheoryData<string, string, string, string, string?>
        {
            { "test_activity_task_failure-b1e66b90f3.json", @"ActivityTask", @"ActivityTask", @"{""Value1"":""HelloWorld""}", @"Programmatic Error" },
            { "test_activity_task_on_deleted-ea339b9aa8.json", @"ActivityTask", @"ActivityTask", @"{""Value1"":""HelloWorld""}", @"States.Runtime" },
            { "test_assign_in_choice_CONDITION_FALSE-3c535cc60b.json", @"DefaultState", @"ChoiceState", @"{""condition"":false}", null },
            { "test_base_wait_seconds_path_1_5-e81bab67fe.json", @"WaitState", @"WaitState", @"{""input"":{""waitSeconds"":1.5}}", @"States.Runtime" },
            { "test_base_wait_seconds_path_1-b8db382d8b.json", @"WaitState", @"WaitState", @"{""input"":{""waitSeconds"":-1}}", @"States.Runtime" },
            { "test_base_wait_seconds_path_json5_ALL_False-c78d94e687.json", @"WaitState", @"WaitState", @"{}", @"States.Runtime" },
            { "test_catch_states_runtime-cb8750c0e9.json", @"RaiseRuntime", @"RaiseRuntime", @"{}", @"States.Runtime" },
            { "test_cross_account_service_lambda_invoke_retry-647aaecec5.json", @"InvokeLambda", @"InvokeLambda", @"{""FunctionName"":""\u003Clambda_function_name\u003E"",""Payload"":""\u0022PayloadFromTrustedAccount\u0022"",""CredentialsRoleArn"":""\u003Ctrusted_role_arn\u003E""}", @"Exception" },
            { "test_dynamodb_invalid_param-c75e868437.json", @"PutItem", @"PutItem", @"{""TableName"":""\u003Ctest-table\u003E"",""Key"":null,""Item"":null}", @"DynamoDb.DynamoDbException" },
            { "test_fail_cause_jsonata-fab78b49d7.json", @"FailState", @"FailState", @"{""cause"":""This failed to due an Exception.""}", null },
            { "test_fifo_message_attribute_input_params0_True-48869254d0.json", @"Publish", @"Publish", @"{""Message"":{""Message"":""HelloWorld!""},""TopicArn"":""arn:\u003Cpartition\u003E:sns:\u003Cregion\u003E:111111111111:\u003Cresource:1\u003E""}", @"SNS.InvalidParameterException" },
            { "test_fixed_timeout_lambda-f99fb2b00b.json", @"Start", @"Start", @"{""Payload"":null}", @"States.Timeout" },
            { "test_fixed_timeout_service_lambda-a7704035bd.json", @"Start", @"Start", @"{""FunctionName"":""\u003Clambda_function_1_name\u003E"",""Payload"":null,""TimeoutSecondsValue"":5}", @"States.Timeout" },
            { "test_heartbeat_path_timeout-ebaeb9c8ec.json", @"SendMessageWithWait", @"SendMessageWithWait", @"{""QueueUrl"":""\u003Csqs_queue_url\u003E"",""Message"":""test_message_txt"",""HeartbeatSecondsPath"":5}", @"States.Timeout" },
            { "test_heartbeat_timeout-e25746ed5c.json", @"SendMessageWithWait", @"SendMessageWithWait", @"{""QueueUrl"":""\u003Csqs_queue_url\u003E"",""Message"":""test_message_txt""}", @"States.Timeout" },
            { "test_invalid_jsonpath_INVALID_JSONPATH_IN_ERRORPATH-44f4d0eda0.json", @"fail", @"pass", @"{""int-literal"":0}", @"States.Runtime" },
            { "test_invalid_jsonpath_INVALID_JSONPATH_IN_STRING_EXPR_JSONPATH-ec56ee9ee4.json", @"pass", @"pass", @"{""int-literal"":0}", @"States.Runtime" },
            { "test_invalid_jsonpath_ST_INVALID_JSONPATH_IN_CAUSEPATH-ad222c8782.json", @"fail", @"pass", @"{""int-literal"":0}", @"States.Runtime" },
            { "test_invalid_jsonpath_ST_INVALID_JSONPATH_IN_INPUTPATH-cbf2c13b38.json", @"pass", @"pass", @"{""int-literal"":0}", @"States.Runtime" },
            { "test_invalid_jsonpath_ST_INVALID_JSONPATH_IN_TIMEOUTSECONDSPATH-d84501d300.json", @"task", @"task", @"{""int-literal"":0}", @"States.Runtime" },
            { "test_invalid_param-b6fcb1de49.json", @"PutItem", @"PutItem", @"{""TableName"":""\u003Ctest-table\u003E"",""Key"":null,""Item"":null}", @"DynamoDB.AmazonDynamoDBException" },
            { "test_invoke_error-a0e0cae963.json", @"ApiGatewayInvoke", @"ApiGatewayInvoke", @"{""ApiEndpoint"":""\u003Capi-endpoint\u003E"",""Method"":""POST"",""Path"":""id_funcinvalid"",""Stage"":""sfn-apigw-api"",""RequestBody"":""HelloWorld""}", @"ApiGateway.403" },
            { "test_invoke_with_headers_singleStringHeader-4f878a8fa8.json", @"ApiGatewayInvoke", @"ApiGatewayInvoke", @"{""ApiEndpoint"":""\u003Capi-endpoint\u003E"",""Method"":""POST"",""Path"":""id_func"",""Stage"":""sfn-apigw-api"",""RequestBody"":{""message"":""HelloWorld!""},""Headers"":{""custom_header"":""singleStringHeader""}}", @"States.Runtime" },
            { "test_map_catch_error_MAP_CATCH_ERROR_OUTPUT_WITH_RETRY-f1ab17c38b.json", @"Fallback", @"ProcessItems", @"{""items"":[1,2,3]}", @"States.QueryEvaluationError" },
            { "test_map_item_reader_csv_headers_decl_duplicate_headers-369b8260ad.json", @"MapState", @"MapState", @"{""Bucket"":""bucket-name"",""Key"":""file.csv""}", @"States.ItemReaderFailed" },
            { "test_map_item_reader_csv_max_items_paths_1-0db126cc9e.json", @"MapState", @"MapState", @"{""Bucket"":""bucket-name"",""Key"":""file.csv"",""MaxItems"":-1}", @"States.ItemReaderFailed" },
            { "test_map_item_reader_json_no_json_list_object-080c602812.json", @"MapState", @"MapState", @"{""Bucket"":""bucket-name"",""Key"":""file.json""}", @"States.ItemReaderFailed" },
            { "test_map_state_items_eval_jsonata_fail_boolean-94dbf9d0a4.json", @"MapIterateState", @"MapIterateState", @"{}", @"States.QueryEvaluationError" },
            { "test_map_state_items_eval_jsonata_fail_function-818729ac7d.json", @"MapIterateState", @"MapIterateState", @"{}", @"States.QueryEvaluationError" },
            { "test_map_state_items_eval_jsonata_fail_number-6252182df7.json", @"MapIterateState", @"MapIterateState", @"{}", @"States.QueryEvaluationError" },
            { "test_map_state_items_eval_jsonata_fail_object-4558852cb7.json", @"MapIterateState", @"MapIterateState", @"{}", @"States.QueryEvaluationError" },
            { "test_map_state_items_eval_jsonata_variable_sampling_fail_null-e67545dae7.json", @"MapIterateState", @"MapIterateState", @"{}", @"States.QueryEvaluationError" },
            { "test_map_state_items_eval_jsonata_variable_sampling_fail_number-f03bf0501b.json", @"MapIterateState", @"MapIterateState", @"{}", @"States.QueryEvaluationError" },
            { "test_map_state_items_eval_jsonata_variable_sampling_fail_object-0a05689892.json", @"MapIterateState", @"MapIterateState", @"{}", @"States.QueryEvaluationError" },
            { "test_map_state_items_eval_jsonata_variable_sampling_fail_string-03249529bb.json", @"MapIterateState", @"MapIterateState", @"{}", @"States.QueryEvaluationError" },
            { "test_map_state_items_input_types_boolean-eaf04e40ad.json", @"MapIterateState", @"MapIterateState", @"true", @"States.QueryEvaluationError" },
            { "test_map_state_items_input_types_null-79e8c7315d.json", @"MapIterateState", @"MapIterateState", @"null", @"States.QueryEvaluationError" },
            { "test_map_state_items_input_types_string-60a949dc79.json", @"MapIterateState", @"MapIterateState", @"""string""", @"States.QueryEvaluationError" },
            { "test_map_state_retry_multiple_retriers-7fc845786d.json", @"HandleItemFail", @"MapState", @"{""arr"":[1]}", @"HandleItemFailError" },
            { "test_map_state_retry-7ddd4d18b5.json", @"HandleItemFail", @"MapState", @"{""arr"":[1]}", @"HandleItemFailError" },
            { "test_map_state_tolerated_failure_count_path_NoNumber-6d14fa7b13.json", @"MapState", @"MapState", @"{""Items"":[0],""ToleratedFailureCount"":""NoNumber""}", @"States.Runtime" },
            { "test_map_state_tolerated_failure_count_path_tolerated_failure_count_va-4e006de572.json", @"MapState", @"MapState", @"{""Items"":[0],""ToleratedFailureCount"":{}}", @"States.Runtime" },
            { "test_map_state_tolerated_failure_percentage_path_1-d187b79f3f.json", @"MapState", @"MapState", @"{""Items"":[0],""ToleratedFailurePercentage"":-1}", @"States.Runtime" },
            { "test_map_state_tolerated_failure_percentage_path_100_1-e7090317d3.json", @"MapState", @"MapState", @"{""Items"":[0],""ToleratedFailurePercentage"":100.1}", @"States.Runtime" },
            { "test_map_state_tolerated_failure_percentage_path_NoNumber-c6602ff2e3.json", @"MapState", @"MapState", @"{""Items"":[0],""ToleratedFailurePercentage"":""NoNumber""}", @"States.Runtime" },
            { "test_map_state_tolerated_failure_percentage_path_tolerated_failure_per-e128755b36.json", @"MapState", @"MapState", @"{""Items"":[0],""ToleratedFailurePercentage"":{}}", @"States.Runtime" },
            { "test_max_concurrency_path_max_concurrency_value0-c1d6a581ce.json", @"MapState", @"MapState", @"{""MaxConcurrencyValue"":{},""Values"":[""HelloWorld""]}", @"States.Runtime" },
            { "test_no_such_function-988748ead8.json", @"Start", @"Start", @"{""FunctionName"":""no_such_\u003Clambda_function_name\u003E"",""Payload"":null}", @"Exception" },
            { "test_output_in_choice_CONDITION_FALSE-dfebd92c64.json", @"DefaultState", @"ChoiceState", @"{""condition"":false}", null },
            { "test_parallel_state_fail-e6bd3060bf.json", @"Branch1", @"ParallelState", @"{}", @"FailureType" },
            { "test_put_events_mixed_malformed_detail-dda18e84ed.json", @"PutEvents", @"PutEvents", @"{""Entries"":[{""Detail"":""{\u0022Message\u0022: \u0022HelloWorld0\u0022}"",""DetailType"":""\u003Cdetail-type\u003E"",""Source"":""some.source""},{""Detail"":""\u0022jsonstring\u0022"",""DetailType"":""\u003Cdetail-type\u003E"",""Source"":""some.source""}]}", @"EventBridge.FailedEntry" },
            { "test_put_events_no_source-1083ff0e47.json", @"PutEvents", @"PutEvents", @"{""Entries"":[{""Detail"":{""Message"":""HelloWorld1""},""DetailType"":""\u003Cdetail-type\u003E"",""Source"":""some.source""},{""Detail"":{""Message"":""HelloWorld""},""DetailType"":""\u003Cdetail-type\u003E""}]}", @"EventBridge.FailedEntry" },
            { "test_put_item_no_such_table-92a77f52a4.json", @"PutItem", @"PutItem", @"{""TableName"":""\u003Ctest-table\u003E"",""Item"":{""data"":{""S"":""HelloWorld""},""id"":{""S"":""id1""}}}", @"DynamoDB.ResourceNotFoundException" },
            { "test_raise_exception-eddf637ea9.json", @"Start", @"Start", @"{""FunctionName"":""\u003Clambda_function_name\u003E"",""Payload"":null}", @"Exception" },
            { "test_retry_interval_features_max_attempts_zero-b4119b191e.json", @"LambdaTask", @"LambdaTask", @"{""FunctionName"":""lambda_function_name""}", @"Exception" },
            { "test_retry_interval_features-bd69daf47a.json", @"LambdaTask", @"LambdaTask", @"{}", @"Exception" },
            { "test_run_task_sync_raise_failure-1ea96eeaa7.json", @"ecstask", @"ecstask", @"{}", @"States.TaskFailed" },
            { "test_s3_no_such_key-fca346651f.json", @"NoSuchKeyState", @"StartState", @"{""Bucket"":""bucket-name""}", @"S3.NoSuchKeyException" },
            { "test_send_message_no_such_queue_no_catch-95b8a89a10.json", @"SendSQS", @"SendSQS", @"{""QueueUrl"":""\u003Cno_such_sqs_queue_url\u003E"",""MessageBody"":""test_message_body""}", @"SQS.SdkClientException" },
            { "test_sfn_send_task_outcome_with_no_such_token_state_machine_template1-e6b64f162d.json", @"StartExecution", @"StartExecution", @"{""TaskToken"":""NoSuchTaskToken""}", @"Sfn.InvalidTokenException" },
            { "test_sqs_failure_in_wait_for_task_token-fcb621f937.json", @"SendMessageWithWait", @"SendMessageWithWait", @"{""QueueUrl"":""\u003Csqs_queue_url\u003E"",""Message"":""test_message_txt""}", @"Failure error" },
            { "test_sqs_wait_for_task_token_no_token_parameter-3eb0961bf5.json", @"State1", @"State1", @"{""QueueUrl"":""sqs_queue_url""}", @"States.Timeout" },
            { "test_sqs_wait_for_task_token_timeout-7a751493f1.json", @"SendMessageWithWaitAndTimeout", @"SendMessageWithWaitAndTimeout", @"{""QueueUrl"":""\u003Csqs_queue_url\u003E"",""Message"":""test_message_txt""}", @"States.Timeout" },
            { "test_start_execution_no_such_arn-7672a2a230.json", @"StartExecution", @"StartExecution", @"{""StateMachineArn"":""arn:\u003Cpartition\u003E:states:\u003Cregion\u003E:111111111111:stateMachine:\u003CArnPart_0idx\u003E\u003Crandom_arn_part\u003E"",""Input"":null,""Name"":""TestStartTarget""}", @"StepFunctions.StateMachineDoesNotExistException" },
            { "test_start_execution_sync_delegate_timeout-abb526238f.json", @"StartExecution", @"StartExecution", @"{""StateMachineArn"":""arn:\u003Cpartition\u003E:states:\u003Cregion\u003E:111111111111:stateMachine:\u003CArnPart_0idx\u003E"",""Input"":{""Payload"":null},""Name"":""TestStartTarget""}", @"States.TaskFailed" },
            { "test_start_large_input-32f5637253.json", @"State_1", @"State_1", @"{}", @"States.DataLimitExceeded" },
            { "test_state_fail_empty-cc7f07d9ae.json", @"FailState", @"FailState", @"{}", null },
            { "test_state_fail_path-cc86307af7.json", @"FailState", @"FailState", @"{""Error"":""error string"",""Cause"":""cause string""}", @"error string" },
            { "test_state_fail-66017fb486.json", @"FailState", @"FailState", @"{}", @"SomeFailure" },
            { "test_timestamp_too_far_in_future_boundary_24856-c04b7c388b.json", @"State_1", @"State_1", @"{""start_at"":""\u003Ctimestamp\u003E""}", @"States.Runtime" },
            { "test_undefined_reference_BASE_UNDEFINED_ARGUMENTS-463312df37.json", @"State0", @"State0", @"{}", @"States.QueryEvaluationError" },
            { "test_undefined_reference_BASE_UNDEFINED_ASSIGN-483d22556d.json", @"State0", @"State0", @"{}", @"States.QueryEvaluationError" },
            { "test_undefined_reference_BASE_UNDEFINED_OUTPUT_FIELD-738ce60ec9.json", @"State0", @"State0", @"{}", @"States.QueryEvaluationError" },
            { "test_undefined_reference_BASE_UNDEFINED_OUTPUT-1df74bd64f.json", @"State0", @"State0", @"{}", @"States.QueryEvaluationError" },
            { "test_variables_in_lambda_task_BASE_REFERENCE_IN_LAMBDA_TASK_FIELDS-58f87eff69.json", @"State1", @"State1", @"{""FunctionName"":""arn:\u003Cpartition\u003E:lambda:\u003Cregion\u003E:111111111111:function:\u003Clambda-function-name\u003E"",""AccountID"":""111111111111""}", @"States.TaskFailed" },
            { "test_wait_for_callback-6505634518.json", @"Fail State", @"Start Task And Wait For Callback", @"{""shouldfail"":""yes""}", @"IntentionalFail" },
            { "test_wait_timestamp_jsonata_INVALID_DATE-0cf15fa145.json", @"WaitState", @"WaitState", @"{""TimestampValue"":""timestamp""}", @"States.QueryEvaluationError" },
            { "test_wait_timestamp_jsonata_INVALID_ISO-2d295074cc.json", @"WaitState", @"WaitState", @"{""TimestampValue"":""timestamp""}", @"States.QueryEvaluationError" },
            { "test_wait_timestamp_jsonata_NO_Z-44089b5723.json", @"WaitState", @"WaitState", @"{""TimestampValue"":""timestamp""}", @"States.QueryEvaluationError" },
            { "test_wait_timestamp_path_INVALID_DATE-228717d4e2.json", @"WaitUntil", @"WaitUntil", @"{""TimestampValue"":""timestamp""}", @"States.Runtime" },
            { "test_wait_timestamp_path_INVALID_TIME-0f7cf4206d.json", @"WaitUntil", @"WaitUntil", @"{""TimestampValue"":""timestamp""}", @"States.Runtime" },
            { "test_wait_timestamp_path_NO_T-5f7b10af76.json", @"WaitUntil", @"WaitUntil", @"{""TimestampValue"":""timestamp""}", @"States.Runtime" },
        };

        private static FailureAnalysis Analyze(string path, SfnResume.Definitions.StateMachineDefinition? definition = null)
        {
            using var stream = File.OpenRead(path);
            var events = SavedHistory.Read(stream);
            return new FailurePointFinder().Analyze(events.Reverse(), definition);
        }

        private static string Compact(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

        [Theory]
        [MemberData(nameof(Recorded))]
        public void Recorded_history_names_the_failed_state_the_resume_state_and_its_input(string file, string failedState, string resumeState, string input, string? error)
        {
            var analysis = Analyze(Path.Combine(TestPaths.Fixtures, "aws-histories", file));

            Assert.Equal(failedState, analysis.FailedState);
            Assert.Equal(resumeState, analysis.ResumeState);
            Assert.Equal(input, Compact(analysis.ResumeInput!));
            Assert.Equal(error, analysis.Error);
            Assert.Equal("FAILED", analysis.Status);
        }

        [Fact]
        public void Every_recorded_history_is_in_the_table()
        {
            var files = Directory.GetFiles(Path.Combine(TestPaths.Fixtures, "aws-histories"), "*.json").Select(f => Path.GetFileName(f)!).OrderBy(f => f, System.StringComparer.Ordinal).ToList();
            var tabled = Recorded.Select(row => (string)row[0]).OrderBy(f => f, System.StringComparer.Ordinal).ToList();

            Assert.Equal(files, tabled);
        }

        [Fact]
        public void The_seed_history_resumes_at_Parallel_2_with_the_first_Parallel_output()
        {
            // sample_execution_history.json: the second branch of "Parallel 2" failed with Lambda.Unknown.
            var seed = Path.Combine(TestPaths.Fixtures, "seed");
            var definition = SfnResume.Definitions.StateMachineDefinition.Parse(File.ReadAllText(Path.Combine(seed, "ParallelStateMachine.asl.json")));

            var analysis = Analyze(Path.Combine(seed, "sample_execution_history.json"), definition);

            Assert.Equal("Parallel Step 2, Process 2", analysis.FailedState);
            Assert.Equal(new[] { "Parallel 2", "branch 2", "Parallel Step 2, Process 2" }, analysis.FailedStatePath);
            Assert.Equal("Parallel 2", analysis.ResumeState);
            Assert.Equal("Lambda.Unknown", analysis.Error);
            Assert.Equal(24, analysis.EventId);
            using var input = JsonDocument.Parse(analysis.ResumeInput!);
            Assert.Equal("Your message here", input.RootElement.GetProperty("Message").GetString());
            Assert.Equal(2, input.RootElement.GetProperty("output").GetArrayLength());
            Assert.Empty(analysis.Variables);
        }

        [Fact]
        public void Retries_are_counted_from_the_attempts_the_failed_task_made()
        {
            // test_retry_interval_features: the Lambda task was tried three times (two retries) before failing.
            var analysis = Analyze(Path.Combine(TestPaths.Fixtures, "aws-histories", "test_retry_interval_features-bd69daf47a.json"));

            Assert.Equal(2, analysis.RetryCount);
        }

        [Fact]
        public void A_caught_error_routed_to_a_Fail_state_resumes_at_the_state_that_raised_it()
        {
            // test_s3_no_such_key: StartState's S3 call failed, its Catch went to the Fail state NoSuchKeyState.
            var analysis = Analyze(Path.Combine(TestPaths.Fixtures, "aws-histories", "test_s3_no_such_key-fca346651f.json"));

            Assert.Equal("NoSuchKeyState", analysis.FailedState);
            Assert.Equal("StartState", analysis.ResumeState);
            Assert.Equal("S3.NoSuchKeyException", analysis.Error);
            Assert.Contains(analysis.Notes, n => n.Contains("Catch") && n.Contains("StartState"));
        }

        [Fact]
        public void A_failure_inside_a_Map_iteration_shows_the_iteration_in_its_path()
        {
            // test_map_catch_error_...: the Fallback state of iteration 0 of ProcessItems failed to evaluate its JSONata.
            var analysis = Analyze(Path.Combine(TestPaths.Fixtures, "aws-histories", "test_map_catch_error_MAP_CATCH_ERROR_OUTPUT_WITH_RETRY-f1ab17c38b.json"));

            Assert.Equal(new[] { "ProcessItems", "iteration 0", "Fallback" }, analysis.FailedStatePath);
            Assert.Equal("ProcessItems", analysis.ResumeState);
        }

        [Fact]
        public void Variables_assigned_before_the_resume_state_are_restored()
        {
            // test_map_state_items_eval_jsonata_variable_sampling_fail_string: a Pass state assigned ItemsVar, then the Map failed.
            var analysis = Analyze(Path.Combine(TestPaths.Fixtures, "aws-histories", "test_map_state_items_eval_jsonata_variable_sampling_fail_string-03249529bb.json"));

            Assert.Equal(new[] { "ItemsVar" }, analysis.Variables.Keys);
        }
    }
}
