"""PDF: the Word briefing converted by LibreOffice."""
