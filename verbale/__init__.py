"""The trilingual note-verbale generator: YAML spec in, English, Russian and Kazakh DOCX out."""
