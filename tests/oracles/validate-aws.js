// Validates state machine definitions with AWS's own ASL validator, the language service of the AWS Toolkit
// for VS Code (npm amazon-states-language-service): JSONata, variables and Assign included. Arguments:
// definition files. Prints one JSON line per file: {"file", "isValid", "errors"}, errors one per line as
// "line:column message" (severity Error only; warnings and hints are left out).
'use strict';
const fs = require('fs');
const { getLanguageService, TextDocument } = require('amazon-states-language-service');

const service = getLanguageService({});
(async () => {
  for (const file of process.argv.slice(2)) {
    let result;
    try {
      const document = TextDocument.create('file://' + file, 'asl', 0, fs.readFileSync(file, 'utf8'));
      const diagnostics = await service.doValidation(document, service.parseJSONDocument(document));
      const errors = diagnostics.filter((d) => d.severity === 1).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);
      result = { file, isValid: errors.length === 0, errors: errors.join('\n') };
    } catch (e) {
      result = { file, isValid: false, errors: String(e && e.message ? e.message : e) };
    }
    process.stdout.write(JSON.stringify(result) + '\n');
  }
})();
