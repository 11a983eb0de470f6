import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { certificationProblems, invocationNameProblems } from '../skills/certification.js';
import { interactionModel, skillManifest } from '../skills/interaction-model.js';

/** The committed skill package, as `npm run alexa:model` writes it and as it would be submitted. */
const committed = () => ({
  model: JSON.parse(readFileSync('skill-package/interactionModels/custom/en-US.json', 'utf8')),
  manifest: JSON.parse(readFileSync('skill-package/skill.json', 'utf8')),
});

describe('the skill package against the certification rules Amazon documents', () => {
  it('when the committed package and a freshly generated one are checked, then neither breaks a rule', () => {
    const { model, manifest } = committed();
    expect(certificationProblems(model, manifest)).toEqual([]);
    expect(certificationProblems(interactionModel() as any, skillManifest('https://smile.example.com/alexa') as any)).toEqual([]);
  });

  const intent = (m: any, name: string) => m.interactionModel.languageModel.intents.find((i: any) => i.name === name);
  const info = (f: any) => f.manifest.publishingInformation.locales['en-US'];
  // Each row breaks one rule in a copy of the committed package; the check must name it.
  const broken: Array<[string, (m: any, f: any) => void, RegExp]> = [
    ['a one-word invocation name', (m) => (m.interactionModel.languageModel.invocationName = 'smile'), /one word/],
    ['a launch word in the invocation name', (m) => (m.interactionModel.languageModel.invocationName = 'open smile shopping'), /launch word "open"/],
    ['a wake word in the invocation name', (m) => (m.interactionModel.languageModel.invocationName = 'amazon smile shop'), /wake word "amazon"/],
    ['an upper-case invocation name', (m) => (m.interactionModel.languageModel.invocationName = 'Smile Shopping'), /lower-case/],
    ['an article in a two-word name', (m) => (m.interactionModel.languageModel.invocationName = 'the smile'), /article or preposition/],
    ['a sample in two intents', (m) => intent(m, 'CancelOrderIntent').samples.push('where is my order'), /also a sample of OrderStatusIntent/],
    ['a sample twice in one intent', (m) => intent(m, 'OrderStatusIntent').samples.push('where is my order'), /twice in one intent/],
    ['a slot the intent lacks', (m) => intent(m, 'AnswerIntent').samples.push('it is the {choice}'), /names no slot/],
    ['a sample over 200 characters', (m) => intent(m, 'OrderStatusIntent').samples.push(`where is ${'my very '.repeat(30)}order`), /longer than 200/],
    ['digits in a sample', (m) => intent(m, 'OrderStatusIntent').samples.push('where is order 42'), /character a sample may not hold/],
    ['a wake word in a sample', (m) => intent(m, 'OrderStatusIntent').samples.push('alexa track it'), /starts with a wake word/],
    ['a lone slot sample', (m) => intent(m, 'AnswerIntent').samples.push('{date}'), /slot alone/],
    [
      'an undeclared slot type',
      (m) => intent(m, 'OrderStatusIntent').slots.push({ name: 'colour', type: 'COLOUR' }),
      /slot type COLOUR is not declared/,
    ],
    [
      'a required built-in left out',
      (m) =>
        (m.interactionModel.languageModel.intents = m.interactionModel.languageModel.intents.filter(
          (i: any) => i.name !== 'AMAZON.NavigateHomeIntent',
        )),
      /AMAZON\.NavigateHomeIntent is missing/,
    ],
    [
      'a slot value over 140 characters',
      (m) => m.interactionModel.languageModel.types[0].values.push({ name: { value: 'x'.repeat(141) } }),
      /longer than 140/,
    ],
    [
      'a dialog prompt that is not defined',
      (m) => (m.interactionModel.prompts = m.interactionModel.prompts.slice(1)),
      /undefined prompt Elicit\.Slot\.AnswerIntent\.date/,
    ],
    [
      'a prompt no slot uses',
      (m) => m.interactionModel.prompts.push({ id: 'Elicit.Slot.Nothing', variations: [{ type: 'PlainText', value: 'What?' }] }),
      /used by no slot/,
    ],
    [
      'an elicited slot with no slot samples',
      (m) => delete intent(m, 'AnswerIntent').slots.find((s: any) => s.name === 'date').samples,
      /elicited with no slot samples/,
    ],
    [
      'a dialog intent the model lacks',
      (m) => m.interactionModel.dialog.intents.push({ name: 'GhostIntent', slots: [] }),
      /GhostIntent is not in the language model/,
    ],
    [
      'an example phrase that is no sample',
      (_m, f) => (info(f).examplePhrases[1] = 'Alexa, ask smile shopping to sing a song'),
      /"sing a song" is no sample/,
    ],
    ['four example phrases', (_m, f) => info(f).examplePhrases.push('Alexa, open smile shopping'), /4 example phrases/],
    [
      'an example phrase with another name',
      (_m, f) => (info(f).examplePhrases[0] = 'Alexa, ask smile to reorder my diapers'),
      /not "Alexa, <launch word> smile shopping/,
    ],
    ['a summary over 160 characters', (_m, f) => (info(f).summary = 'Reorder. '.repeat(20)), /summary/],
    ['no privacy policy while purchases are allowed', (_m, f) => delete f.manifest.privacyAndCompliance.locales, /privacy policy/],
    ['an http endpoint', (_m, f) => (f.manifest.apis.custom.endpoint.uri = 'http://smile.example.com/alexa'), /not https/],
  ];
  it.each(broken)('when a package has %s, then the check names the broken rule', (_what, breakIt, rule) => {
    const { model, manifest } = committed();
    breakIt(model, manifest);
    const problems = certificationProblems(model, manifest);
    expect(
      problems.some((p) => rule.test(p)),
      problems.join('\n'),
    ).toBe(true);
  });

  it('when invocation names are read, then the documented rules decide', () => {
    const table: Array<[string, boolean]> = [
      ['smile shopping', true],
      ["sam's science trivia", true],
      ['a. b. c. shopping', true],
      ['smile', false],
      ['smile for', false],
      ['ask smile shopping', false],
      ['smile shopping with alexa', false],
      ['smile shopping 2', false],
      ['smile  shopping', false],
    ];
    for (const [name, ok] of table) expect(invocationNameProblems(name).length === 0, name).toBe(ok);
  });
});
