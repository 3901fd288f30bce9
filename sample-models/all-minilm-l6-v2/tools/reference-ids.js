// Tokenizes every sentence of sentences.tsv, and a list of edge cases, with HuggingFace's
// tokenizers library (the Rust implementation behind `transformers`' fast tokenizers, through its
// Node binding) and writes the ids as the test fixture that QuantLens's Java tokenizer must match.
//
// usage: node reference-ids.js TOKENIZER.json SENTENCES.tsv OUTPUT.json
// Runs offline: the tokenizer file is read from disk, nothing is downloaded.
'use strict';

const fs = require('fs');
const { Tokenizer } = require('tokenizers');
const tokenizersVersion = require('tokenizers/package.json').version;

// Inputs that exercise each step of BERT tokenization; the comments say which.
const EDGE_CASES = [
  'hello world',
  'Hello, World!', // lowercase, punctuation split
  'HELLO   world\t\ttabs\nnew line\r\nend', // every whitespace separates
  '', // only [CLS] [SEP]
  '   \t ',
  'antidisestablishmentarianism', // ## pieces
  'a'.repeat(100), // longest word still split into pieces
  'a'.repeat(101), // over max_input_chars_per_word: [UNK]
  '☃ snowman', // no piece for the character: [UNK]
  'xyz☃abc', // one uncoverable character makes the whole word [UNK]
  'Tiếng Việt có dấu: đường, Đà Nẵng, người, ưu tiên.', // accents stripped, đ kept
  'Ünïcödé àccénts: façade, naïve café, résumé, Ångström',
  'e\u0301 (decomposed) and \u00e9 (composed)', // NFD before stripping marks
  'price: $5.00 + 3% = ~x^2 | a<b>c `code` {json} [list] @user #tag \\ / _under_', // ASCII symbols are punctuation
  "don't won't it's o'clock rock'n'roll",
  '\u2018curly\u2019 \u201cdouble\u201d \u2014 em dash \u2026 ellipsis \u00abguillemets\u00bb \u00bfque? \u00a1si!',
  '中文字符测试 and 日本語のテキスト', // CJK ideographs are spaced, kana are not
  'a\u{2B820}b a\u{2B81D}b a\u{2B920}b a\u{2CEAF}b', // the edges of the CJK extension ranges
  'x\u0378y private\uE000use', // unassigned code points are kept, private-use ones removed
  'zero\u200Bwidth joiner\u200D soft\u00ADhyphen bom\uFEFF', // format characters are removed
  'control\u0001char replacement\uFFFDchar nul\u0000char del\u007Fchar', // controls removed
  'no-break\u00A0space ideographic\u3000space thin\u2009space next\u0085line', // Unicode whitespace
  'İstanbul ΣΟΦΙΑ ὈΔΥΣΣΕΥΣ Straße ẞ', // lowercase code point by code point
  '[CLS] hello [SEP] world [MASK] x[UNK]y [PAD]', // added tokens matched in the raw text
  '[cls] lowercase is not a special token',
  'I love pizza 🍕🍕 and 👍🏽 emoji',
  'Fullwidth ＡＢＣ１２３ and ligature ﬁnance', // compatibility forms are not folded
  '안녕하세요 세계', // Hangul decomposes into jamo under NFD
  'ภาษาไทย हिन्दी العربية עברית', // other scripts: some marks stripped
  '3.14159 1,000,000 2024-05-17 10:30am', // digits and separators
  'word '.repeat(200).trim(), // truncated at 128 tokens by the file's truncation
];

function main(argv) {
  if (argv.length !== 3) {
    console.error('usage: node reference-ids.js TOKENIZER.json SENTENCES.tsv OUTPUT.json');
    process.exit(2);
  }
  const [tokenizerFile, sentencesFile, outputFile] = argv;
  const tokenizer = Tokenizer.fromFile(tokenizerFile);
  tokenizer.disablePadding(); // the file pads to 128; the fixture keeps unpadded ids

  const lines = fs.readFileSync(sentencesFile, 'utf8').split('\n').filter((l) => l.length > 0);
  if (lines[0] !== 'lang\ttopic\tsentence') {
    throw new Error(`${sentencesFile}: unexpected header ${JSON.stringify(lines[0])}`);
  }
  const sentences = lines.slice(1).map((l) => l.split('\t')[2]);

  return Promise.all([encodeAll(tokenizer, sentences), encodeAll(tokenizer, EDGE_CASES)]).then(
    ([sentenceCases, edgeCases]) => {
      const out = [
        '{',
        `  "tokenizer": ${JSON.stringify(`HuggingFace tokenizers (npm package tokenizers ${tokenizersVersion})`)},`,
        '  "sentences": [',
        sentenceCases.map(format).join(',\n'),
        '  ],',
        '  "edgeCases": [',
        edgeCases.map(format).join(',\n'),
        '  ]',
        '}',
        '',
      ];
      fs.writeFileSync(outputFile, out.join('\n'), 'utf8');
      console.log(`${sentenceCases.length} sentences and ${edgeCases.length} edge cases -> ${outputFile}`);
    },
  );
}

async function encodeAll(tokenizer, texts) {
  const cases = [];
  for (const text of texts) {
    const encoding = await tokenizer.encode(text);
    if (encoding.getTypeIds().some((t) => t !== 0)) {
      throw new Error(`non-zero type id for ${JSON.stringify(text)}`);
    }
    cases.push({ text, ids: encoding.getIds() });
  }
  return cases;
}

function format(c) {
  return `    {"text": ${JSON.stringify(c.text)}, "ids": [${c.ids.join(', ')}]}`;
}

main(process.argv.slice(2)).catch((e) => {
  console.error(e);
  process.exit(1);
});
