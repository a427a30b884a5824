"""The DOCX writer: a thin layer that places finished strings into WordprocessingML in the house styles."""
