"""The embedded backend of the directory search (the default, no server): an in-memory index built
from the database by each process — folded, stemmed tokens in posting lists with field weights (name >
acronym/alias > topic > text > unit context), prefix matching for as-you-type, typo tolerance with
RapidFuzz over the vocabulary, synonym expansion from the synonym sets, IDF weighting. The same Python
code answers on SQLite and PostgreSQL, so both behave the same. A token stored in the database
(IndexState) tells each process when to rebuild its copy."""

import heapq
import math
import threading
from bisect import bisect_left
from collections import defaultdict

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from core.text import highlight, tokens

from .documents import FACETS, KEY, KIND_PRIOR, KINDS, DirectorySearchResult, entry_url, load_documents
from .models import IndexState

INACTIVE_FACTOR = 0.8
SYNONYM_FACTOR = 0.9
COMMON_CLAUSE = 1500  # postings: above this, a word only scores entries that rarer words already found


class DirectoryIndex:
    def __init__(self, docs, synonym_sets):
        self.docs = docs
        postings = defaultdict(dict)  # token -> {doc: best field weight}
        name_postings = defaultdict(dict)  # the same over names and acronyms only, for suggestions
        for number, doc in enumerate(docs):
            for text, weight in doc.fields:
                for token in tokens(text):
                    if postings[token].get(number, 0) < weight:
                        postings[token][number] = weight
                    if weight >= KEY and name_postings[token].get(number, 0) < weight:
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
        self.unit_names = {doc.key: doc.name for doc in docs if doc.kind == "unit"}
        total = max(len(docs), 1)
        self.idf = {token: 1 + math.log(total / len(docs_of)) for token, docs_of in self.postings.items()}
        self.exact_names = defaultdict(list)
        for number, doc in enumerate(docs):
            for name in {" ".join(tokens(text)) for text in [doc.name, *doc.exact] if text}:
                self.exact_names[name].append(number)
        # Synonyms: each phrase (a tuple of tokens) maps to the other phrases of its set.
        self.synonyms = defaultdict(set)
        for terms in synonym_sets:
            phrases = {tuple(tokens(term)) for term in terms} - {()}
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
        if fuzzy and len(token) >= 4 and not token.isdigit():
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

    # -- search ----------------------------------------------------------------------------------

    def score(self, query, names_only=False):
        query_tokens = tokens(query)
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
            value = total * (covered[number] / wanted) ** 2 * KIND_PRIOR[doc.kind]
            if number in exact:
                value *= 1.5
            if not doc.active:
                value *= INACTIVE_FACTOR
            scores[number] = value
        return scores, frozenset(matched)

    def search(self, query, kind=None, limit=10, offset=0, facets=None):
        facets = {name: value for name, value in (facets or {}).items() if name in FACETS and value}
        pole, site = facets.get("pole"), facets.get("site")
        scores, matched = self.score(query)
        docs = self.docs
        # One pass: each facet is counted over the hits filtered by the other facet (disjunctive facets).
        pole_counts, site_counts, hits = defaultdict(int), defaultdict(int), []
        for number in scores:
            doc = docs[number]
            if kind is not None and doc.kind != kind:
                continue
            pole_ok = pole is None or doc.pole == pole
            site_ok = site is None or doc.site == site
            if site_ok:
                pole_counts[doc.pole] += 1
            if pole_ok:
                site_counts[doc.site] += 1
                if site_ok:
                    hits.append(number)
        page = heapq.nsmallest(offset + limit, hits, key=lambda number: (-scores[number], docs[number].name))
        results = [self.as_result(docs[number], scores[number], matched) for number in page[offset:]]
        return DirectorySearchResult(
            count=len(hits),
            results=results,
            facets=self.facet_lists({"pole": pole_counts, "site": site_counts}),
            matched_terms=matched,
        )

    def facet_lists(self, counts):
        names = self.unit_names
        return {
            "pole": [
                {"value": code, "label": names.get(code, code), "count": count}
                for code, count in sorted(counts["pole"].items(), key=lambda item: names.get(item[0], ""))
                if code
            ],
            "site": [
                {"value": site, "label": site, "count": count} for site, count in sorted(counts["site"].items()) if site
            ],
        }

    def as_result(self, doc, score, matched):
        return {
            "kind": doc.kind,
            "id": doc.key,
            "name": doc.name,
            "unit": doc.unit,
            "score": round(score, 3),
            "snippet": highlight(doc.snippet_text, matched, prefix=False),
            "url": entry_url(doc.kind, doc.key),
        }

    def autocomplete(self, query, limit=10):
        scores, _matched = self.score(query, names_only=True)
        best = sorted(scores, key=lambda number: (-scores[number], self.docs[number].name))[:limit]
        return [
            {"kind": self.docs[number].kind, "id": self.docs[number].key, "label": self.docs[number].label}
            for number in best
        ]


# The per-process cache of the index.

_lock = threading.Lock()
_cache = {"token": None, "index": None}


def current_index():
    """This process's index, rebuilt when the database's token says the directory changed."""
    token = IndexState.current()
    index = _cache["index"]
    if index is not None and _cache["token"] == token and token:
        return index
    with _lock:
        if not token:
            token = IndexState.bump()
        docs, synonym_sets = load_documents()
        index = DirectoryIndex(docs, synonym_sets)
        _cache.update(token=token, index=index)
        return index


class EmbeddedDirectoryBackend:
    name = "embedded"

    def search(self, query, kind=None, limit=10, offset=0, facets=None):
        if kind is not None and kind not in KINDS:
            raise ValueError(kind)
        return current_index().search(query or "", kind=kind, limit=limit, offset=offset, facets=facets)

    def autocomplete(self, query, limit=10):
        return current_index().autocomplete(query or "", limit=limit)

    def rebuild(self, progress=None):
        token = IndexState.bump()
        docs, synonym_sets = load_documents()
        index = DirectoryIndex(docs, synonym_sets)
        with _lock:
            _cache.update(token=token, index=index)
        if progress:
            progress(len(docs), len(docs))
        return len(docs)
