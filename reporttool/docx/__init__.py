"""The Word briefing: WordprocessingML written from the brand template's parts."""
