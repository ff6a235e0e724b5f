"""The HTML briefing: one self-contained, printable page rendered from the model (render.render_html)."""
