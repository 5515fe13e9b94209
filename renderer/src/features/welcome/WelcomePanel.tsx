import type { Dataset } from '../../../../shared/contract/hostApi';
import { quoteIdentifier } from '../../../../shared/sql/identifiers';
import type { MessageKey } from '../../../../shared/i18n/translate';
import { t, useLocale } from '../../i18n/i18n';
import './welcome.css';

/** The sample the example queries read, and the examples: each a title and its SQL over the sample's table. */
const exampleSample = 'penguins.csv';
const examples: { titleKey: MessageKey; sql(table: string): string }[] = [
  {
    titleKey: 'welcome.exampleCount',
    sql: (table) => `SELECT species, count(*) AS penguins, CAST(round(avg(body_mass_g)) AS INTEGER) AS avg_body_mass_g\nFROM ${table}\nGROUP BY species\nORDER BY species;`,
  },
  {
    titleKey: 'welcome.exampleFilter',
    sql: (table) => `SELECT species, island, sex, flipper_length_mm\nFROM ${table}\nWHERE flipper_length_mm >= 220\nORDER BY flipper_length_mm DESC;`,
  },
  {
    titleKey: 'welcome.exampleIslands',
    sql: (table) => `SELECT island, count(*) FILTER (WHERE sex = 'female') AS females, count(*) FILTER (WHERE sex = 'male') AS males\nFROM ${table}\nGROUP BY island\nORDER BY island;`,
  },
];

/**
 * The first screen, while there are no tables: how to get data in (open, drop, a sample) and three
 * example queries that load a sample and run with one click.
 */
export function WelcomePanel({
  samples,
  onOpenFile,
  onLoadSample,
  onRunExample,
}: {
  samples: readonly Dataset[];
  onOpenFile(): void;
  onLoadSample(dataset: Dataset): void;
  /** Loads the sample (if needed) and runs the SQL made for its table in a new tab. */
  onRunExample(dataset: Dataset, sql: (table: string) => string): void;
}) {
  const locale = useLocale();
  // A sample's name as the catalog shows it: in the page's language when the sample has one.
  const nameOf = (dataset: Dataset): string => (locale === 'en' ? undefined : dataset.translations?.[locale]?.title) ?? dataset.title ?? dataset.fileName;
  const sample = samples.find((dataset) => dataset.fileName === exampleSample);
  return (
    <div className="welcome">
      <h3>{t('welcome.title')}</h3>
      <p>{t('welcome.intro')}</p>
      <div className="welcome-actions">
        <button type="button" className="primary" onClick={onOpenFile}>
          {t('welcome.openFile')}
        </button>
        <span className="muted">{t('welcome.drop')}</span>
      </div>
      {samples.length > 0 ? (
        <>
          <h4>{t('welcome.samples')}</h4>
          <ul className="welcome-samples">
            {samples.map((dataset) => (
              <li key={dataset.id}>
                <button type="button" onClick={() => onLoadSample(dataset)} aria-label={t('catalog.load', { name: nameOf(dataset) })}>
                  {t('catalog.loadPrefix')}
                </button>{' '}
                <span>{nameOf(dataset)}</span> <span className="muted">{dataset.fileName}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {sample ? (
        <>
          <h4>{t('welcome.examples', { name: nameOf(sample) })}</h4>
          <ul className="welcome-examples">
            {examples.map((example) => (
              <li key={example.titleKey}>
                <button type="button" onClick={() => onRunExample(sample, (table) => example.sql(quoteIdentifier(table)))}>
                  {t(example.titleKey)}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
