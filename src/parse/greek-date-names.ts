/**
 * Greek month and day names in feed dates ("Κυρ, 11 Ιούλ 2004 12:00:00 EST"), written as the
 * English ones RFC 822 dates use, as feedparser's Greek reader does. Keys are lower case without
 * accents or diaeresis and with σ for ς: abbreviations, nominative and genitive names.
 */
const NAMES: Record<string, string> = {
  ιαν: 'Jan',
  ιανουαριοσ: 'Jan',
  ιανουαριου: 'Jan',
  φεβ: 'Feb',
  φεβρουαριοσ: 'Feb',
  φεβρουαριου: 'Feb',
  μαρ: 'Mar',
  μαρτιοσ: 'Mar',
  μαρτιου: 'Mar',
  απρ: 'Apr',
  απριλιοσ: 'Apr',
  απριλιου: 'Apr',
  μαι: 'May',
  μαιοσ: 'May',
  μαιου: 'May',
  ιουν: 'Jun',
  ιον: 'Jun',
  ιουνιοσ: 'Jun',
  ιουνιου: 'Jun',
  ιουλ: 'Jul',
  ιολ: 'Jul',
  ιουλιοσ: 'Jul',
  ιουλιου: 'Jul',
  αυγ: 'Aug',
  αυγουστοσ: 'Aug',
  αυγουστου: 'Aug',
  σεπ: 'Sep',
  σεπτ: 'Sep',
  σεπτεμβριοσ: 'Sep',
  σεπτεμβριου: 'Sep',
  οκτ: 'Oct',
  οκτωβριοσ: 'Oct',
  οκτωβριου: 'Oct',
  νοε: 'Nov',
  νοεμ: 'Nov',
  νοεμβριοσ: 'Nov',
  νοεμβριου: 'Nov',
  δεκ: 'Dec',
  δεκεμβριοσ: 'Dec',
  δεκεμβριου: 'Dec',
  κυρ: 'Sun',
  κυριακη: 'Sun',
  δευ: 'Mon',
  δευτερα: 'Mon',
  τρι: 'Tue',
  τριτη: 'Tue',
  τετ: 'Wed',
  τεταρτη: 'Wed',
  πεμ: 'Thu',
  πεμπτη: 'Thu',
  παρ: 'Fri',
  παρασκευη: 'Fri',
  σαβ: 'Sat',
  σαββατο: 'Sat',
};

const GREEK = /[\u0370-\u03ff\u1f00-\u1fff]/;
const GREEK_WORD = /[\u0370-\u03ff]+/g;

/**
 * `text` with its Greek month and day names in English; undefined when it has no Greek letters
 * or a Greek word that is not such a name.
 */
export function greekNamesInEnglish(text: string): string | undefined {
  if (!GREEK.test(text)) return undefined;
  let unknown = false;
  const english = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(GREEK_WORD, (word) => {
      const name = NAMES[word.toLowerCase().replaceAll('ς', 'σ')];
      if (name === undefined) unknown = true;
      return name ?? word;
    });
  return unknown ? undefined : english;
}
