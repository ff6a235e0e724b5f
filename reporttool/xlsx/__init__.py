"""The risk-matrix workbook, written with xlsxwriter."""
