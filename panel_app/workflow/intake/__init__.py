"""Intake: the submission set, the rule checks, the past winners."""
