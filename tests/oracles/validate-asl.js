// Validates state machine definitions with asl-validator. Arguments: definition files. Prints one JSON line
// per file: {"file", "isValid", "errors"}. Options pass through to asl-validator: --no-arn-check skips the
// Resource ARN check (the recorded definitions carry placeholders such as <lambda_function_name>).
'use strict';
const fs = require('fs');
const aslValidator = require('asl-validator');

const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const checkArn = !process.argv.includes('--no-arn-check');
for (const file of files) {
  let result;
  try {
    const definition = JSON.parse(fs.readFileSync(file, 'utf8'));
    const { isValid, errorsText } = aslValidator(definition, { checkArn, checkPaths: true });
    result = { file, isValid, errors: isValid ? '' : errorsText('\n') };
  } catch (e) {
    result = { file, isValid: false, errors: String(e && e.message ? e.message : e) };
  }
  process.stdout.write(JSON.stringify(result) + '\n');
}
