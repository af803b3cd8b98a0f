/*
** tokenize.c -- a tokenizer for news English.
**
** HOW IT WORKS
**   One left-to-right pass over the bytes, with no backtracking beyond a few
**   characters of look-ahead, so it is linear in the text.  At each
**   non-space character a scanner chosen by that character reads one token:
**
**     letter/digit   scan_word(): URLs, e-mail addresses, dotted
**                    abbreviations (U.S., a.m.), numbers (1,200.5  4.5%
**                    3rd), ISO dates and clock times, then words with
**                    inner hyphens, apostrophes and ampersands (Abdul-Mahdi,
**                    O'Brien, AT&T); a possessive 's is left for the next
**                    token; a trailing period joins the word when the word
**                    is a known abbreviation (Sen.) or a single capital (J.)
**     @ #            handles and hashtags
**     currency       $5, £1.2m (the symbol joins the number)
**     quote marks    curly and angle marks by glyph; straight ' and " by
**                    the characters around them (space before: opening)
**     - — – ...      dashes and ellipses
**
**   Whitespace is not a token: the flags of the token after it record
**   whether there was a space, a line break or a blank line.
**
**   ASCII takes fast paths through a byte-class table (tk): white space
**   and runs of letters and digits are read without decoding, and the case
**   flags of most words are settled by their first two letters; any other
**   byte goes through the decoding code, so the tokens are the same.
**
**   Invalid UTF-8 reads as U+FFFD (see utf8.c) and becomes a SYMBOL token,
**   so offsets stay exact.  A NUL byte is read as white space.
**
** See sentences.c for what uses the token kinds and flags.
*/
#include "core.h"
#include "lexicon.h"

/* Byte classes of the scanner's fast paths: ASCII as news_ascii_class
** sees it (letters, digits and '_' are word characters), every byte of a
** multi-byte character TK_HIGH, which sends it to the decoding paths. */
#define TK_WORD 0x01   /* ASCII letter, digit or '_' */
#define TK_ALNUM 0x02  /* ASCII letter or digit */
#define TK_LETTER 0x04
#define TK_UPPER 0x08
#define TK_LOWER 0x10
#define TK_SPACE 0x20  /* NEWS_C_SPACE: space and the ASCII controls */
#define TK_HIGH 0x80   /* 0x80..0xff */
#define B_ TK_WORD
#define D_ (TK_WORD | TK_ALNUM)
#define U_ (D_ | TK_LETTER | TK_UPPER)
#define L_ (D_ | TK_LETTER | TK_LOWER)
#define S_ TK_SPACE
#define H_ TK_HIGH
static const uint8_t tk[256] = {
    S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, /* controls */
    S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, S_, /* controls */
    S_,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0, /*  !"#$%&'()*+,-./ */
    D_, D_, D_, D_, D_, D_, D_, D_, D_, D_,  0,  0,  0,  0,  0,  0, /* 0-9 :;<=>? */
     0, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, /* @A-O */
    U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_,  0,  0,  0,  0, B_, /* P-Z [\]^_ */
     0, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, /* `a-o */
    L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_,  0,  0,  0,  0, S_, /* p-z {|}~ DEL */
    H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, /* 0x80.. */
    H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, /* 0x90.. */
    H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, /* 0xa0.. */
    H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, /* 0xb0.. */
    H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, /* 0xc0.. */
    H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, /* 0xd0.. */
    H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, /* 0xe0.. */
    H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, H_, /* 0xf0.. */
};
#undef B_
#undef D_
#undef U_
#undef L_
#undef S_
#undef H_

/* Inlined even where called twice: the hot paths of the two copies of the
** tokenizer (tokenize_with). */
#if defined(__GNUC__)
#define ALWAYS_INLINE __attribute__((always_inline))
#else
#define ALWAYS_INLINE
#endif

typedef struct scanner {
  const unsigned char *s;
  size_t len;
  size_t no_dotted_before; /* scan_dotted() fails for every start before this */
} scanner;

/* Code point at byte i, or 0 past the end. */
static int32_t peek(const scanner *sc, size_t i) {
  if (i >= sc->len) return 0;
  int32_t cp;
  news_utf8_next(sc->s, sc->len, i, &cp);
  return cp;
}

/* Byte index after the character at i. */
static size_t after(const scanner *sc, size_t i) {
  int32_t cp;
  return news_utf8_next(sc->s, sc->len, i, &cp);
}

static inline bool is_alnum(int32_t cp) {
  if (cp < 0x80) return (news_ascii_class[cp] & (NEWS_C_LETTER | NEWS_C_DIGIT)) != 0;
  return news_is_letter_u(cp) || news_is_digit_u(cp);
}

/* The class tests of utf8.c that are calls, answered inline for ASCII
** (where no character is a format character, only '-' a dash, only '$'
** a currency sign, and the line breaks are \n \v \f). */
static inline bool is_format(int32_t cp) {
  return cp >= 0x80 && news_is_format(cp);
}
static inline bool is_newline(int32_t cp) {
  return cp < 0x80 ? cp == '\n' || cp == '\v' || cp == '\f' : news_is_newline(cp);
}
static inline bool is_dash(int32_t cp) {
  return cp < 0x80 ? cp == '-' : news_is_dash(cp);
}
static inline bool is_currency(int32_t cp) {
  return cp < 0x80 ? cp == '$' : news_is_currency(cp);
}

static bool is_apostrophe(int32_t cp) {
  return cp == '\'' || cp == 0x2019 || cp == 0x02bc;
}

static bool is_ascii_digit(int32_t cp) {
  return cp >= '0' && cp <= '9';
}

/* Case-insensitive ASCII prefix test at byte i. */
static bool has_prefix(const scanner *sc, size_t i, const char *p) {
  for (; *p; p++, i++) {
    if (i >= sc->len) return false;
    int c = sc->s[i];
    if (c >= 'A' && c <= 'Z') c += 32;
    if (c != *p) return false;
  }
  return true;
}

/* Characters that may end a URL or e-mail token without being trimmed. */
static bool url_trailing_junk(int32_t cp) {
  return cp == '.' || cp == ',' || cp == ';' || cp == ':' || cp == '!' || cp == '?' || cp == ')' ||
         cp == ']' || cp == '}' || cp == '"' || cp == '\'' || cp == 0x201d || cp == 0x2019 ||
         cp == 0x00bb;
}

/* Reads a run of non-space characters from i as a URL; returns its end. */
static size_t scan_url(const scanner *sc, size_t i) {
  size_t j = i;
  while (j < sc->len) {
    int32_t cp;
    size_t k = news_utf8_next(sc->s, sc->len, j, &cp);
    if (news_is_space(cp) || cp == '"' || cp == '<' || cp == '>' || cp == 0x201c || cp == 0x201d) break;
    j = k;
  }
  while (j > i) { /* give back trailing punctuation */
    int32_t cp;
    size_t k = news_utf8_prev(sc->s, j, &cp);
    if (!url_trailing_junk(cp)) break;
    j = k;
  }
  return j;
}

/* A run of ASCII digits from i; returns its end. */
static size_t digits(const scanner *sc, size_t i) {
  while (i < sc->len && is_ascii_digit(sc->s[i])) i++;
  return i;
}

/* Top-level domains that make "word.tld" a web address in running text. */
static bool tld_at(const scanner *sc, size_t i, size_t *end) {
  static const char *const tlds[] = {"com", "org", "net", "gov", "edu", "io", "co.uk", "int", NULL};
  for (int t = 0; tlds[t]; t++) {
    if (has_prefix(sc, i, tlds[t])) {
      size_t j = i + strlen(tlds[t]);
      if (!is_alnum(peek(sc, j))) {
        *end = j;
        return true;
      }
    }
  }
  return false;
}

/* Dotted letter sequences: U.S. a.m. i.e. N.Y. U.S.A.  Needs at least two
** letter-period pairs.  Returns the end, or i when there is none.
** A failed chain fails from each of its later letters too (same end, fewer
** pairs), so the failure is remembered: without that "a.a.a...a.aa" re-read
** the chain from every letter, quadratic time. */
static size_t scan_dotted(scanner *sc, size_t i) {
  if (i < sc->no_dotted_before) return i;
  size_t j = i;
  int pairs = 0;
  for (;;) {
    int32_t cp = peek(sc, j);
    if (!news_is_letter(cp)) break;
    size_t k = after(sc, j);
    if (peek(sc, k) != '.') break;
    j = k + 1;
    pairs++;
  }
  if (pairs < 2 || is_alnum(peek(sc, j))) {
    sc->no_dotted_before = j;
    return i;
  }
  return j;
}

/* Numbers: 42 1,200 3.5 -- digits with inner , or . before a digit. */
static size_t scan_number(const scanner *sc, size_t i) {
  size_t j = digits(sc, i);
  while (j + 1 < sc->len && (sc->s[j] == ',' || sc->s[j] == '.') && is_ascii_digit(sc->s[j + 1]))
    j = digits(sc, j + 1);
  return j;
}

/* The end of the run of ASCII word characters (TK_WORD) from j. */
static inline size_t word_run(const unsigned char *s, size_t len, size_t j) {
  const unsigned char *p = s + j, *end = s + len;
  while (p < end && (tk[*p] & TK_WORD)) p++;
  return (size_t)(p - s);
}

typedef struct scanned {
  size_t end;
  uint8_t kind;
} scanned;

/* Reads a word-like token starting with a letter or digit at i; adds
** NEWS_TF_HYPHEN to *flags when an ASCII '-' joins two of its parts. */
ALWAYS_INLINE static inline scanned scan_word(scanner *sc, size_t i, uint8_t *flags) {
  scanned r = {i, NEWS_TOK_WORD};
  int32_t c0 = peek(sc, i);
  size_t j = i; /* where the word loop below starts reading */

  /* the prefixes start with ht or ww */
  unsigned char b0 = (unsigned char)(sc->s[i] | 0x20);
  unsigned char b1 = (b0 == 'h' || b0 == 'w') && i + 1 < sc->len ? (unsigned char)(sc->s[i + 1] | 0x20) : 0;
  if (((b0 == 'h' && b1 == 't') || (b0 == 'w' && b1 == 'w')) &&
      (has_prefix(sc, i, "http://") || has_prefix(sc, i, "https://") || has_prefix(sc, i, "www."))) {
    r.end = scan_url(sc, i);
    r.kind = NEWS_TOK_URL;
    return r;
  }
  /* a dotted sequence needs a period right after an ASCII first letter */
  if (news_is_letter(c0) && (c0 >= 0x80 || (i + 1 < sc->len && sc->s[i + 1] == '.'))) {
    size_t d = scan_dotted(sc, i);
    if (d > i) {
      r.end = d;
      r.kind = NEWS_TOK_ABBREV;
      return r;
    }
  }
  if (is_ascii_digit(c0)) {
    /* ISO date 2020-01-05 */
    j = digits(sc, i);
    if (j - i == 4 && peek(sc, j) == '-' && digits(sc, j + 1) == j + 3 && peek(sc, j + 3) == '-' &&
        digits(sc, j + 4) == j + 6 && !is_alnum(peek(sc, j + 6))) {
      r.end = j + 6;
      r.kind = NEWS_TOK_DATE;
      return r;
    }
    /* clock time 9:30 or 10:30:15 */
    if (j - i <= 2 && peek(sc, j) == ':' && digits(sc, j + 1) == j + 3) {
      size_t k = j + 3;
      if (peek(sc, k) == ':' && digits(sc, k + 1) == k + 3) k += 3;
      if (!is_alnum(peek(sc, k))) {
        r.end = k;
        r.kind = NEWS_TOK_TIME;
        return r;
      }
    }
    j = scan_number(sc, i);
    int32_t c = peek(sc, j);
    if (c == '%') {
      r.end = j + 1;
      r.kind = NEWS_TOK_PERCENT;
      return r;
    }
    if ((has_prefix(sc, j, "st") || has_prefix(sc, j, "nd") || has_prefix(sc, j, "rd") ||
         has_prefix(sc, j, "th")) &&
        !is_alnum(peek(sc, j + 2))) {
      r.end = j + 2;
      r.kind = NEWS_TOK_ORDINAL;
      return r;
    }
    bool joins = news_is_letter(c) || (c == '-' && news_is_letter(peek(sc, j + 1)));
    if (!joins) {
      r.end = j;
      r.kind = NEWS_TOK_NUMBER;
      return r;
    }
    /* 1990s, 24-year-old, 40.3C: read on as a word after the number */
  }

  /* A word: letters, digits and marks, joined by inner connectors. */
  bool email = false;
  size_t seg = j; /* start of the current hyphen-separated segment */
  while (j < sc->len) {
    j = word_run(sc->s, sc->len, j); /* ASCII letters and digits, without decoding */
    if (j >= sc->len || (tk[sc->s[j]] & TK_SPACE)) break; /* white space joins nothing */
    int32_t cp;
    size_t k = news_utf8_next(sc->s, sc->len, j, &cp);
    if (is_alnum(cp) || (is_format(cp) && j > i) || cp == '_') {
      j = k;
      continue;
    }
    int32_t nx = peek(sc, k);
    if (is_apostrophe(cp) && news_is_letter(nx)) {
      /* possessive or contracted 's is a token of its own */
      if ((nx == 's' || nx == 'S') && !is_alnum(peek(sc, k + 1))) break;
      j = k;
      continue;
    }
    if ((cp == '-' || cp == 0x2010 || cp == 0x2011) && is_alnum(nx)) {
      if (cp == '-') *flags |= NEWS_TF_HYPHEN;
      j = seg = k;
      continue;
    }
    if (cp == '.' && seg > i && after(sc, seg) == j) { /* D-N.Y. */
      size_t d = scan_dotted(sc, seg);
      if (d > seg) {
        r.end = d;
        r.kind = NEWS_TOK_ABBREV;
        return r;
      }
    }
    if (cp == '&' && news_is_upper(nx) && j > i && news_is_upper(peek(sc, i))) { /* AT&T, S&P */
      j = k;
      continue;
    }
    if (cp == '@' && !email && is_alnum(nx)) { /* name@example.org */
      size_t m = k;
      while (m < sc->len && (is_alnum(peek(sc, m)) || peek(sc, m) == '-' ||
                             (peek(sc, m) == '.' && is_alnum(peek(sc, m + 1)))))
        m = after(sc, m);
      if (memchr(sc->s + k, '.', m - k)) {
        r.end = m;
        r.kind = NEWS_TOK_EMAIL;
        return r;
      }
      break;
    }
    size_t tld_end;
    if (cp == '.' && tld_at(sc, k, &tld_end)) { /* Amazon.com */
      r.end = tld_end;
      r.kind = NEWS_TOK_URL;
      return r;
    }
    break;
  }
  r.end = j;

  /* A period after the word: an initial or a known abbreviation keeps it. */
  if (peek(sc, j) == '.' && peek(sc, j + 1) != '.') {
    int32_t first;
    size_t k = news_utf8_next(sc->s, sc->len, i, &first);
    if (k == j && news_is_upper(first)) {
      r.end = j + 1;
      r.kind = NEWS_TOK_INITIAL;
    } else if (news_is_letter(first)) {
      int cls = news_lex_find(&news_lex_abbreviations, (const char *)sc->s + i, j - i);
      if (cls == NEWS_ABBR_OTHER && has_prefix(sc, i, "no")) {
        /* "No. 5" but not "the answer is no." */
        size_t m = j + 1;
        while (m < sc->len && sc->s[m] == ' ') m++;
        if (!is_ascii_digit(peek(sc, m))) cls = 0;
      }
      if (cls) {
        r.end = j + 1;
        r.kind = NEWS_TOK_ABBREV;
      }
    }
  }
  return r;
}

/* Reads a quotation mark at i (one character); decides opening/closing. */
static uint8_t quote_kind(const scanner *sc, size_t i, int32_t cp, size_t next, uint8_t *flags) {
  switch (cp) {
  case 0x201c: case 0x201e: case 0x201f: case 0x00ab:
    *flags |= NEWS_TF_DOUBLE;
    return NEWS_TOK_QUOTE_OPEN;
  case 0x201d: case 0x00bb:
    *flags |= NEWS_TF_DOUBLE;
    return NEWS_TOK_QUOTE_CLOSE;
  case 0x2018: case 0x201a: case 0x2039:
    return NEWS_TOK_QUOTE_OPEN;
  case 0x2019: case 0x203a:
    return NEWS_TOK_QUOTE_CLOSE;
  default: break;
  }
  /* a straight mark: opening after space, start or an opening bracket/dash */
  if (cp == '"') *flags |= NEWS_TF_DOUBLE;
  int32_t before = 0;
  if (i > 0) news_utf8_prev(sc->s, i, &before);
  int32_t nx = peek(sc, next);
  bool open_ctx = i == 0 || news_is_space(before) || before == '(' || before == '[' || before == '{' ||
                  news_is_dash(before) || before == 0x201c || before == 0x2018 || before == '"' ||
                  before == '\'';
  if (open_ctx && nx && !news_is_space(nx)) return NEWS_TOK_QUOTE_OPEN;
  return NEWS_TOK_QUOTE_CLOSE;
}

static bool is_quote_char(int32_t cp) {
  return cp == '"' || cp == '\'' || (cp >= 0x2018 && cp <= 0x201f) || cp == 0x00ab ||
         cp == 0x00bb || cp == 0x2039 || cp == 0x203a;
}

/* Sets NEWS_TF_UPPER / NEWS_TF_ALLCAPS for a word-range token. */
ALWAYS_INLINE static inline uint8_t case_flags(const scanner *sc, size_t start, size_t end) {
  /* ASCII: the class bits of every byte or'ed, the first letter or digit
  ** read off on the way; a token with another character takes the loop below */
  /* most words settle at their first letters: a lower-case one makes
  ** neither flag, a capital then a lower-case one only UPPER */
  unsigned c0 = tk[sc->s[start]];
  if (c0 & TK_LOWER) return 0;
  if ((c0 & TK_UPPER) && start + 1 < end && (tk[sc->s[start + 1]] & TK_LOWER)) return NEWS_TF_UPPER;
  unsigned any = 0;
  for (size_t a = start; a < end; a++) any |= tk[sc->s[a]];
  if (!(any & TK_HIGH)) {
    size_t a = start;
    while (a < end && !(tk[sc->s[a]] & TK_ALNUM)) a++;
    unsigned head = a < end ? tk[sc->s[a]] : 0;
    return (uint8_t)((head & TK_UPPER ? NEWS_TF_UPPER : 0) |
                     ((any & TK_LETTER) && !(any & TK_LOWER) ? NEWS_TF_ALLCAPS : 0));
  }
  bool first = true, upper0 = false, any_letter = false, any_lower = false;
  for (size_t i = start; i < end;) {
    int32_t cp;
    i = news_utf8_next(sc->s, end, i, &cp);
    if (news_is_letter(cp)) {
      any_letter = true;
      if (news_is_lower(cp)) any_lower = true;
      if (first) upper0 = news_is_upper(cp);
    }
    if (first && (news_is_letter(cp) || news_is_digit(cp))) first = false;
  }
  return (uint8_t)((upper0 ? NEWS_TF_UPPER : 0) | (any_letter && !any_lower ? NEWS_TF_ALLCAPS : 0));
}

/* The tokenizer, inlined into news_tokenize() and news_tokenize_doc(), so
** that the document's append (doc_push) is compiled into the loop instead
** of being called through a pointer for every token. */
ALWAYS_INLINE static inline int tokenize_with(const char *text, size_t len, news_token_cb cb, void *arg) {
  scanner sc = {(const unsigned char *)text, len, 0};
  size_t i = 0;
  uint8_t ws = 0;   /* flags gathered from the white space before a token */
  int newlines = 0; /* line breaks in that white space */
  while (i < len) {
    unsigned char b = sc.s[i];
    if (tk[b] & TK_SPACE) { /* ASCII white space, without decoding */
      if (b != ' ' && (b == '\n' || b == '\v' || b == '\f' || (b == '\r' && peek(&sc, i + 1) != '\n')))
        newlines++;
      ws |= NEWS_TF_SPACE;
      i++;
      continue;
    }
    int32_t cp;
    size_t next = news_utf8_next(sc.s, len, i, &cp);
    if (news_is_space(cp) || is_format(cp)) {
      if (is_newline(cp) || (cp == '\r' && peek(&sc, next) != '\n')) newlines++;
      if (!is_format(cp)) ws |= NEWS_TF_SPACE;
      i = next;
      continue;
    }
    news_token t;
    t.start = (uint32_t)i;
    t.sentence = 0;
    t.mark = 0;
    t.flags = (uint8_t)(ws | (newlines ? NEWS_TF_NEWLINE : 0) | (newlines > 1 ? NEWS_TF_PARA : 0));
    ws = 0;
    newlines = 0;
    size_t end = next;

    if (is_alnum(cp)) {
      scanned r = scan_word(&sc, i, &t.flags);
      end = r.end;
      t.kind = r.kind;
    } else if ((cp == '@' || cp == '#') && next < len &&
               (is_alnum(peek(&sc, next)) || peek(&sc, next) == '_') &&
               !(i > 0 && is_alnum(peek(&sc, i - 1)))) {
      end = next;
      while (end < len && (is_alnum(peek(&sc, end)) || peek(&sc, end) == '_')) end = after(&sc, end);
      t.kind = cp == '@' ? NEWS_TOK_HANDLE : NEWS_TOK_HASHTAG;
    } else if (is_currency(cp) && is_ascii_digit(peek(&sc, next))) {
      end = scan_number(&sc, next);
      t.kind = NEWS_TOK_MONEY;
    } else if (is_apostrophe(cp) && (peek(&sc, next) == 's' || peek(&sc, next) == 'S') &&
               !is_alnum(peek(&sc, next + 1)) && i > 0 && !(t.flags & NEWS_TF_SPACE)) {
      int32_t before;
      news_utf8_prev(sc.s, i, &before);
      if (is_alnum(before)) {
        end = next + 1;
        t.kind = NEWS_TOK_CLITIC;
      } else {
        t.kind = quote_kind(&sc, i, cp, next, &t.flags);
      }
    } else if (is_quote_char(cp)) {
      t.kind = quote_kind(&sc, i, cp, next, &t.flags);
      t.mark = (uint16_t)cp;
    } else if (cp == '.' && peek(&sc, next) == '.' && peek(&sc, next + 1) == '.') {
      end = next;
      while (end < len && sc.s[end] == '.') end++;
      t.kind = NEWS_TOK_ELLIPSIS;
    } else if (cp == 0x2026) {
      t.kind = NEWS_TOK_ELLIPSIS;
    } else if (is_dash(cp)) {
      if (cp == '-')
        while (end < len && sc.s[end] == '-') end++;
      t.kind = NEWS_TOK_DASH;
      t.mark = cp > 0xffff ? 0xffff : (uint16_t)cp;
    } else if (news_is_punct(cp)) {
      t.kind = NEWS_TOK_PUNCT;
      t.mark = (uint16_t)cp;
    } else {
      t.kind = NEWS_TOK_SYMBOL;
      t.mark = cp > 0xffff ? 0xffff : (uint16_t)cp;
    }
    if (t.kind == NEWS_TOK_QUOTE_OPEN || t.kind == NEWS_TOK_QUOTE_CLOSE) t.mark = (uint16_t)cp;
    t.end = (uint32_t)end;
    if (NEWS_TOK_IS(t.kind, NEWS_TOK_RANGE_WORD)) t.flags |= case_flags(&sc, i, end);
    int rc = cb(arg, &t);
    if (rc == NEWS_TOKENIZE_STOP) return NEWS_OK;
    if (rc) return rc;
    i = end;
  }
  return NEWS_OK;
}

int news_tokenize(const char *text, size_t len, news_token_cb cb, void *arg) {
  return tokenize_with(text, len, cb, arg);
}

/* Appends token t to the document's array; polls the stop callback every
** 4096 tokens, and while a big array grows (news_doc_vec_push: its copy
** into fresh memory, about 80 ms at 32 MB, is polled). */
static int doc_push(void *arg, const news_token *t) {
  news_doc *d = arg;
  news_token *slot;
  if (d->tokens.n < d->tokens.cap) { /* room: no call, no zeroing */
    slot = (news_token *)d->tokens.data + d->tokens.n++;
    ASAN_UNPOISON_MEMORY_REGION(slot, sizeof *slot); /* a retry after news_vec_seal */
  } else {
    slot = news_doc_vec_push(d, &d->tokens);
    if (!slot) return NEWS_ERR_NOMEM; /* a news_rc, not NEWS_TOKENIZE_STOP */
  }
  *slot = *t;
  if ((d->tokens.n & 4095) == 0 && news_doc_should_stop(d)) return NEWS_ERR_INTERRUPTED;
  return 0;
}

news_rc news_tokenize_doc(news_doc *d) {
  d->tokens.n = 0;
  return (news_rc)tokenize_with(d->text, d->len, doc_push, d);
}

const char *news_token_kind_name(unsigned kind) {
  switch (kind) {
  case NEWS_TOK_WORD: return "word";
  case NEWS_TOK_ABBREV: return "abbrev";
  case NEWS_TOK_INITIAL: return "initial";
  case NEWS_TOK_CLITIC: return "clitic";
  case NEWS_TOK_URL: return "url";
  case NEWS_TOK_EMAIL: return "email";
  case NEWS_TOK_HANDLE: return "handle";
  case NEWS_TOK_HASHTAG: return "hashtag";
  case NEWS_TOK_NUMBER: return "number";
  case NEWS_TOK_ORDINAL: return "ordinal";
  case NEWS_TOK_MONEY: return "money";
  case NEWS_TOK_PERCENT: return "percent";
  case NEWS_TOK_DATE: return "date";
  case NEWS_TOK_TIME: return "time";
  case NEWS_TOK_PUNCT: return "punct";
  case NEWS_TOK_DASH: return "dash";
  case NEWS_TOK_ELLIPSIS: return "ellipsis";
  case NEWS_TOK_QUOTE_OPEN: return "quote_open";
  case NEWS_TOK_QUOTE_CLOSE: return "quote_close";
  case NEWS_TOK_SYMBOL: return "symbol";
  default: return "unknown";
  }
}
