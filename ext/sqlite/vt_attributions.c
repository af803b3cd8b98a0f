/*
** vt_attributions.c -- attributions(document): one row per attribution
** relation (who said, wrote or holds true what), quoted or reported.
**
**   content         what was said, as the text has it (a quotation with its marks)
**   speaker         the resolved source (canonical name when named), or NULL
**   speaker_text    the source as written at the attribution, or NULL
**   cue             the cue as written ("said", "according to", "believes"), or NULL
**   kind            'direct' (all quotation), 'mixed' (partly quoted) or 'indirect'
**   start, length   1-based character position and character count of content
**   sentence        0-based index of the sentence where the content starts
**   speaker_start, speaker_length, cue_start, cue_length
**                   the same for the source and the cue; NULL when absent
*/
#include "vtab.h"

SQLITE_EXTENSION_INIT3

enum {
  ATTR_COL_CONTENT,
  ATTR_COL_SPEAKER,
  ATTR_COL_SPEAKER_TEXT,
  ATTR_COL_CUE,
  ATTR_COL_KIND,
  ATTR_COL_START,
  ATTR_COL_LENGTH,
  ATTR_COL_SENTENCE,
  ATTR_COL_SPEAKER_START,
  ATTR_COL_SPEAKER_LENGTH,
  ATTR_COL_CUE_START,
  ATTR_COL_CUE_LENGTH,
  ATTR_COL_DOCUMENT /* HIDDEN argument, must stay last */
};

static news_rc attrRun(newsext_cursor *pCur, const void **paRow, size_t *pszRow, uint32_t *pnRow) {
  const news_attribution *a = NULL;
  news_rc rc = news_doc_attributions(pCur->pRef->doc, &a, pnRow);
  *paRow = a;
  *pszRow = sizeof *a;
  return rc;
}

static void attrColumn(newsext_cursor *pCur, newsext_out *ctx, const void *pRow, int iCol) {
  const news_attribution *r = pRow;
  int hasSpeaker = r->speaker_end > r->speaker_start, hasCue = r->cue_end > r->cue_start;
  switch (iCol) {
  case ATTR_COL_CONTENT: newsext_result_span(pCur, ctx, r->start, r->end); break;
  case ATTR_COL_SPEAKER: newsext_result_str(ctx, r->speaker, r->speaker_len); break;
  case ATTR_COL_SPEAKER_TEXT:
    if (hasSpeaker) newsext_result_span(pCur, ctx, r->speaker_start, r->speaker_end);
    break;
  case ATTR_COL_CUE:
    if (hasCue) newsext_result_span(pCur, ctx, r->cue_start, r->cue_end);
    break;
  case ATTR_COL_KIND: newsext_result_text(ctx, news_attr_kind_name(r->kind), -1); break;
  case ATTR_COL_START: newsext_result_start(pCur, ctx, r->start); break;
  case ATTR_COL_LENGTH: newsext_result_length(pCur, ctx, r->start, r->end); break;
  case ATTR_COL_SENTENCE: newsext_result_int(ctx, r->sentence); break;
  case ATTR_COL_SPEAKER_START:
    if (hasSpeaker) newsext_result_start(pCur, ctx, r->speaker_start);
    break;
  case ATTR_COL_SPEAKER_LENGTH:
    if (hasSpeaker) newsext_result_length(pCur, ctx, r->speaker_start, r->speaker_end);
    break;
  case ATTR_COL_CUE_START:
    if (hasCue) newsext_result_start(pCur, ctx, r->cue_start);
    break;
  case ATTR_COL_CUE_LENGTH:
    if (hasCue) newsext_result_length(pCur, ctx, r->cue_start, r->cue_end);
    break;
  }
}

const newsext_table newsext_attributions = {
    "attributions",
    "CREATE TABLE x(content TEXT, speaker TEXT, speaker_text TEXT, cue TEXT, kind TEXT, start INTEGER, "
    "length INTEGER, sentence INTEGER, speaker_start INTEGER, speaker_length INTEGER, cue_start INTEGER, "
    "cue_length INTEGER, document HIDDEN)",
    ATTR_COL_DOCUMENT, 0, attrRun, attrColumn};
