"""Evaluation: ReDial offline Recall@k, simulated users, limitations analysis and reports."""
