/**
 * Compares training settings by 5-fold cross-validation on the TRAINING data only (Smile's training phrases and
 * the corpora's training rows; never a held-out set or a corpus's held-out slice):
 *   npm run nlu:tune -- '[{"corpusRatio":0.1},{"corpusRatio":0.25}]'
 * For each: the fitted temperature, the chosen threshold, Smile's own out-of-fold accuracy and the corpora's
 * out-of-fold false-action rate. The winner goes into SETTINGS in train.ts.
 */
import { LOCALES } from './catalogue.js';
import { chooseThreshold, crossValidate, fitTemperature, SETTINGS, trainingRows, vocabularyOf } from './train.js';

const grid = JSON.parse(process.argv[2] ?? '[{}]') as Array<Partial<typeof SETTINGS>>;
for (const locale of LOCALES) {
  for (const change of grid) {
    const s = { ...SETTINGS, ...change };
    const rows = trainingRows(locale, s);
    const oof = crossValidate(rows, vocabularyOf(rows, s.minCount), s);
    const cv = chooseThreshold(oof, fitTemperature(oof), s);
    console.log(
      `${locale} ${JSON.stringify(change)}: T ${cv.temperature}, threshold ${cv.threshold}, offset ${cv.oosOffset}, own accuracy ${(cv.ownAccuracy * 100).toFixed(1)}%, ` +
        `own false actions ${(cv.ownFalseActions * 100).toFixed(1)}%, corpus false actions ${(cv.corpusFalseActions * 100).toFixed(2)}%`,
    );
  }
}
