/*
** entities.c -- named entities (placeholder until the tagger lands, issue 3).
*/
#include "core.h"

const char *news_entity_type_name(unsigned type) {
  switch (type) {
  case NEWS_ENT_PERSON: return "PERSON";
  case NEWS_ENT_ORG: return "ORG";
  case NEWS_ENT_LOC: return "LOC";
  case NEWS_ENT_NORP: return "NORP";
  case NEWS_ENT_MISC: return "MISC";
  default: return "MISC";
  }
}

news_rc news_entities_run(news_doc *d) {
  d->entities.n = 0;
  return NEWS_OK;
}
