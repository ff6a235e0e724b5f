"""The workbook side: file inspection, the contract, reading, parsing, checks, the template, the example, annotation."""
