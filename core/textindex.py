"""An in-memory full-text index over a few thousand documents, shared by La Belette's directory and the
portal's page search: folded, stemmed tokens (core/text.py) in posting lists with field weights, prefix
matching for the word being typed, typo tolerance with RapidFuzz over the vocabulary, synonym expansion
from the synonym sets (core.models.SynonymSet), IDF weighting, and OR semantics ranked by how much of the
query a document covers. The same Python code answers on SQLite and PostgreSQL, so both behave the same.

A document is any object with `fields` ([(text, weight)]), `name`, `exact` (other names that, typed whole,
mean this document) and `active`; a subclass may weigh documents with `prior(doc)`."""

import math
from bisect import bisect_left
from collections import defaultdict

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from .text import tokens

INACTIVE_FACTOR = 0.8
SYNONYM_FACTOR = 0.9
COMMON_CLAUSE = 1500  # postings: above this, a word only scores entries that rarer words already found


class TextIndex:
    # Postings of fields weighing this much or more also go to the names-only index (suggestions).
    name_weight = 8.0
    # Shortest word that tolerates a typo.
    fuzzy_min = 4

    # Words dropped from documents and queries (None: core.text's STOP_WORDS).
    stop_words = None

    def tokens(self, text):
        return tokens(text, stop_words=self.stop_words)

    def __init__(self, docs, synonym_sets):
        self.docs = docs
        postings = defaultdict(dict)  # token -> {doc: best field weight}
        name_postings = defaultdict(dict)  # the same over names and acronyms only, for suggestions
        for number, doc in enumerate(docs):
            for text, weight in doc.fields:
                for token in self.tokens(text):
                    if postings[token].get(number, 0) < weight:
                        postings[token][number] = weight
                    if weight >= self.name_weight and name_postings[token].get(number, 0) < weight:
                        name_postings[token][number] = weight
        self.postings = dict(postings)
        self.name_postings = dict(name_postings)
        self.vocabulary = sorted(self.postings)
        self.name_vocabulary = sorted(self.name_postings)
        # Vocabularies cut to n characters, to find typos in a word typed halfway (built once here).
        self._heads = {
            (id(vocabulary), size): [word[:size] for word in vocabulary]
            for vocabulary in (self.vocabulary, self.name_vocabulary)
            for size in range(6, 17)
        }
        total = max(len(docs), 1)
        self.idf = {token: 1 + math.log(total / len(docs_of)) for token, docs_of in self.postings.items()}
        self.exact_names = defaultdict(list)
        for number, doc in enumerate(docs):
            for name in {" ".join(self.tokens(text)) for text in [doc.name, *doc.exact] if text}:
                self.exact_names[name].append(number)
        # Synonyms: each phrase (a tuple of tokens) maps to the other phrases of its set.
        self.synonyms = defaultdict(set)
        for terms in synonym_sets:
            phrases = {tuple(self.tokens(term)) for term in terms} - {()}
            for phrase in phrases:
                self.synonyms[phrase] |= phrases - {phrase}
        self.max_phrase = max((len(phrase) for phrase in self.synonyms), default=1)

    # -- token matching --------------------------------------------------------------------------

    def expand(self, token, vocabulary, prefix=True, fuzzy=True, last=True):
        """Vocabulary tokens matching `token`, each with a quality in (0, 1]."""
        postings = self.postings if vocabulary is self.vocabulary else self.name_postings
        matches = {}
        if token in postings:
            matches[token] = 1.0
        if prefix and (len(token) >= 3 or (last and len(token) >= 2)):
            start = bisect_left(vocabulary, token)
            limit = 40 if len(token) <= 3 else 200
            for candidate in vocabulary[start : start + limit]:
                if not candidate.startswith(token):
                    break
                if candidate != token:
                    # The word being typed (the last one) is most likely unfinished; earlier ones less so.
                    ratio = len(token) / len(candidate)
                    quality = 0.45 + 0.4 * ratio if last else 0.3 + 0.3 * ratio
                    matches[candidate] = max(matches.get(candidate, 0), quality)
        if fuzzy and len(token) >= self.fuzzy_min and not token.isdigit():
            allowed = 1 if len(token) < 8 else 2
            for candidate, distance, _index in process.extract(
                token, vocabulary, scorer=Levenshtein.distance, score_cutoff=allowed, limit=25
            ):
                if candidate != token:
                    quality = 0.7 if distance == 1 else 0.55
                    matches[candidate] = max(matches.get(candidate, 0), quality)
            if len(token) >= 6:
                # A typo in a name typed halfway: compare with the beginning of longer words.
                heads = self.heads(vocabulary, len(token))
                for _head, _distance, position in process.extract(
                    token, heads, scorer=Levenshtein.distance, score_cutoff=1, limit=15
                ):
                    candidate = vocabulary[position]
                    if candidate not in matches and len(candidate) > len(token):
                        matches[candidate] = 0.5
        return matches

    def heads(self, vocabulary, size):
        """The vocabulary cut to `size` characters (cached), to find typos in a word typed halfway."""
        key = (id(vocabulary), size)
        if key not in self._heads:
            self._heads[key] = [word[:size] for word in vocabulary]
        return self._heads[key]

    def expansions(self, token, names_only, last, cache, exact=False):
        key = ("expand", token, names_only, last, exact)
        if key not in cache:
            if exact:  # the words of a synonym set are known words: no prefix, no typo
                postings = self.name_postings if names_only else self.postings
                cache[key] = {token: 1.0} if token in postings else {}
            else:
                cache[key] = self.expand(token, self.name_vocabulary if names_only else self.vocabulary, last=last)
        return cache[key]

    def token_scores(self, token, names_only=False, last=True, cache=None, restrict=None, exact=False):
        """{doc: best score} of one query word; with `restrict`, only over those docs (a common word)."""
        cache = {} if cache is None else cache
        key = (token, names_only, last, exact)
        if restrict is None and key in cache:
            return cache[key]
        postings = self.name_postings if names_only else self.postings
        scores = {}
        matched = set()
        for candidate, quality in self.expansions(token, names_only, last, cache, exact).items():
            factor = quality * math.sqrt(self.idf[candidate])
            matched.add(candidate)
            posting = postings[candidate]
            if restrict is not None and len(restrict) < len(posting):
                items = ((number, posting[number]) for number in restrict if number in posting)
            else:
                items = posting.items()
            for number, weight in items:
                value = factor * weight
                if value > scores.get(number, 0):
                    scores[number] = value
        result = (scores, matched)
        if restrict is None:
            cache[key] = result
        return result

    def clause_size(self, clause, names_only, last, cache):
        """How many postings a clause would walk through (to take the rare words first)."""
        postings = self.name_postings if names_only else self.postings
        return sum(
            len(postings[candidate])
            for phrase, factor in clause
            for candidate in self.expansions(phrase[0], names_only, last and factor == 1.0, cache, exact=factor < 1.0)
        )

    def clauses(self, query_tokens):
        """Group the query into clauses: a word, or a phrase of a synonym set with its alternatives."""
        out, position = [], 0
        while position < len(query_tokens):
            for size in range(min(self.max_phrase, len(query_tokens) - position), 0, -1):
                phrase = tuple(query_tokens[position : position + size])
                if phrase in self.synonyms:
                    out.append([(phrase, 1.0)] + [(other, SYNONYM_FACTOR) for other in sorted(self.synonyms[phrase])])
                    position += size
                    break
            else:
                out.append([((query_tokens[position],), 1.0)])
                position += 1
        return out

    def clause_scores(self, clause, names_only, cache, matched, last=True, restrict=None):
        best = {}
        for phrase, factor in clause:
            combined = None
            for token in phrase:
                scores, terms = self.token_scores(
                    token, names_only, last=last and factor == 1.0, cache=cache, restrict=restrict, exact=factor < 1.0
                )
                matched |= terms
                if combined is None:
                    combined = dict(scores)
                else:  # every word of a phrase must be there
                    combined = {
                        number: value + scores[number] for number, value in combined.items() if number in scores
                    }
            for number, value in (combined or {}).items():
                value = factor * value / len(phrase)
                if value > best.get(number, 0):
                    best[number] = value
        return best

    def prior(self, doc):
        """A document's weight before any word matches (1: all equal)."""
        return 1.0

    # -- search ----------------------------------------------------------------------------------

    def score(self, query, names_only=False):
        query_tokens = self.tokens(query)
        if not query_tokens:
            return {}, frozenset()
        cache, matched = {}, set()
        clauses = self.clauses(query_tokens)
        totals, covered = defaultdict(float), defaultdict(int)
        lasts = [position == len(clauses) - 1 for position in range(len(clauses))]
        sizes = [
            self.clause_size(clause, names_only, lasts[position], cache) for position, clause in enumerate(clauses)
        ]
        # Rare words first; a very common word ("service") then only scores the entries already found,
        # since an entry matching it alone could not pass the coverage floor below anyway.
        for position in sorted(range(len(clauses)), key=sizes.__getitem__):
            restrict = set(totals) if totals and sizes[position] > COMMON_CLAUSE else None
            for number, value in self.clause_scores(
                clauses[position], names_only, cache, matched, lasts[position], restrict
            ).items():
                totals[number] += value
                covered[number] += 1
        if not totals:
            return {}, frozenset(matched)
        wanted = len(clauses)
        best_coverage = max(covered.values())
        # Entries that match every clause come first; when some do, the others must miss at most one
        # clause (and none for two-word queries); when none does, keep the best covered.
        if names_only:
            floor = wanted
        elif best_coverage == wanted:
            floor = wanted if wanted <= 2 else wanted - 1
        else:
            floor = best_coverage
        exact = set(self.exact_names.get(" ".join(query_tokens), ()))
        scores = {}
        for number, total in totals.items():
            if covered[number] < floor:
                continue
            doc = self.docs[number]
            value = total * (covered[number] / wanted) ** 2 * self.prior(doc)
            if number in exact:
                value *= 1.5
            if not doc.active:
                value *= INACTIVE_FACTOR
            scores[number] = value
        return scores, frozenset(matched)
