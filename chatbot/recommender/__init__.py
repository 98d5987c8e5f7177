"""A recommender learned from conversations (ReDial training dialogues) or from logged sessions.

`chatbot train recommender` fits it (chatbot.recommender.train); the Ranker loads it when one is
built for its catalogue (chatbot.recommender.model.load_model) and blends its scores in.
"""
