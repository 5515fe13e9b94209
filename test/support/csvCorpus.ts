/**
 * The CSV corpus: files both engines must read into the same table. Written here (not downloaded):
 * cases in the manner of csv-spectrum (quoting, escaped quotes, newlines in fields, CRLF, UTF-8,
 * empty fields), the French and Arabic files the app's own tests use, French spreadsheet exports
 * (semicolons, decimal commas, day-first dates, thousands grouped by a space, a no-break space, a
 * narrow no-break space or a dot), BOMs, empty and header-only files, and the shipped samples.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface CsvCorpusFile {
  /** The file's name (its extension says CSV or TSV). */
  name: string;
  bytes: Uint8Array;
}

const nbsp = '\u00a0';
const nnbsp = '\u202f';
const bom = '\uFEFF';

const text = (name: string, content: string): CsvCorpusFile => ({ name, bytes: new TextEncoder().encode(content) });
const repoFile = (name: string, relative: string): CsvCorpusFile => ({
  name,
  bytes: new Uint8Array(readFileSync(fileURLToPath(new URL(`../../${relative}`, import.meta.url)))),
});

/** Many rows, so the dialect is read from a sample that is not the whole file (1 MiB of about 1.1). */
function largeFrench(): string {
  const lines = ['numéro;libellé;montant;date'];
  for (let i = 0; i < 28_000; i++) {
    const amount = `${Math.floor(i / 7) + 1000}`.replace(/(\d)(?=(\d{3})+$)/g, `$1${nbsp}`);
    const day = String((i % 28) + 1).padStart(2, '0');
    lines.push(`${i};article ${i};${amount},${String(i % 100).padStart(2, '0')};${day}/${String((i % 12) + 1).padStart(2, '0')}/2024`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

export const csvCorpus: readonly CsvCorpusFile[] = [
  // In the manner of csv-spectrum.
  text('comma_in_quotes.csv', 'first,last,address,city,zip\nJohn,Doe,120 any st.,"Anytown, WW",08123\n'),
  text('empty_fields.csv', 'a,b,c\n1,"",""\n2,3,4\n'),
  text('empty_fields_crlf.csv', 'a,b,c\r\n1,"",""\r\n2,3,4\r\n'),
  text('escaped_quotes.csv', 'a,b\n1,"ha ""ha"" ha"\n3,4\n'),
  text('json_in_field.csv', 'key,val\n1,"{""type"": ""Point"", ""coordinates"": [102.0, 0.5]}"\n'),
  text('newlines.csv', 'a,b,c\n1,2,3\n"Once upon \na time",5,6\n7,8,9\n'),
  text('newlines_crlf.csv', 'a,b,c\r\n1,2,3\r\n"Once upon \r\na time",5,6\r\n7,8,9\r\n'),
  text('quotes_and_newlines.csv', 'a,b\n1,"ha \n""ha"" \nha"\n3,4\n'),
  text('simple.csv', 'a,b,c\n1,2,3\n'),
  text('simple_crlf.csv', 'a,b,c\r\n1,2,3\r\n'),
  text('utf8.csv', 'a,b,c\n1,2,3\n4,5,ʤ\n'),
  text('location_coordinates.csv', 'Contact Phone Number,Cities,Latitude,Longitude\n(206) 555-0100,"Seattle, WA",47.6062,-122.3321\n+33 1 23 45 67 89,Paris,48.8566,2.3522\n'),
  text('no_trailing_newline.csv', 'a,b\n1,x\n2,y'),
  text('bom.csv', `${bom}id,name\n1,Ann\n2,Bob\n`),
  text('empty.csv', ''),
  text('header_only.csv', 'a;b;c\n'),
  text('header_only_crlf.csv', `${bom}produit,prix\r\n`),
  text('tabs.tsv', 'ville\tmontant\tjour\nLyon\t12,5\t31/12/2024\nParis\t30,25\t01/02/2024\n'),

  // French and Arabic, as the app's own tests and fixtures have them.
  text('ventes été.csv', `${bom}produit;prix;quantité\r\nÉclair;3,50;2\r\nCafé;1,20;10\r\n`),
  text('مبيعات.csv', 'city,amount\nالقاهرة,12\nتونس,7\n'),
  text('arabic_semicolon.csv', `${bom}المدينة;المبلغ;التاريخ\r\nالرباط;1${nbsp}250,75;31/12/2024\r\nفاس;980,5;15/01/2025\r\n`),
  repoFile('ventes.csv', 'test/fixtures/notebooks/data/ventes.csv'),

  // Day-first dates and decimal commas.
  text('dates_day_first.csv', 'date;valeur\n31/12/2024;1,5\n01/02/2024;2\n'),
  text('dates_ambiguous.csv', 'date,n\n01/02/2024,1\n03/04/2024,2\n'),
  text('timestamps_day_first.csv', 'horodatage;mesure\n31/12/2024 14:30:00;12,5\n01/01/2025 08:05:00;-3,25\n'),
  text('decimal_comma_crlf.csv', `${bom}article;prix;stock\r\nA;0,99;3\r\nB;12,5;\r\nC;;7\r\n`),

  // Thousands separators.
  text('thousands_space.csv', 'poste;montant\nLoyer;1 234,56\nCafé;3,20\nTravaux;12 345 678,9\n'),
  text('thousands_nbsp.csv', `poste;montant\nLoyer;1${nbsp}234,56\nCafé;3,20\nTravaux;-12${nbsp}345${nbsp}678,9\nDivers;${nbsp}5${nbsp}000,5${nbsp}\n`),
  text('thousands_nnbsp.csv', `poste;montant\r\nLoyer;1${nnbsp}234,56\r\nCafé;3,20\r\nTravaux;12${nnbsp}345${nnbsp}678,9\r\n`),
  text('thousands_dot.csv', 'poste;montant\nLoyer;1.234,56\nCafé;3,20\nTravaux;12.345.678,9\n'),
  text('thousands_integers.csv', `ville;habitants;superficie\nParis;2${nbsp}133${nbsp}111;105,4\nLyon;522${nbsp}250;47,87\nAnnecy;131${nbsp}272;66,9\n`),
  text('thousands_quoted_comma.csv', 'poste,montant,note\nLoyer,"1 234,56",ok\nCafé,"3,20","avec, virgule"\n'),
  text('thousands_mixed_spaces.csv', `libellé;total;date\nA;1 000,5;02/03/2024\nB;2${nbsp}000,25;13/03/2024\nC;3${nnbsp}000;14/03/2024\nD;;15/03/2024\n`),
  text('large_french.csv', largeFrench()),

  // The samples the app ships.
  repoFile('airports.csv', 'datasets/airports.csv'),
  repoFile('penguins.csv', 'datasets/penguins.csv'),
  repoFile('seattle_weather.csv', 'datasets/seattle_weather.csv'),
];
