import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { ResultsSchema } from "../src/gen/atelier/v1/state_pb";
import { CriterionSchema, Direction } from "../src/gen/atelier/v1/workshop_pb";
import { csvField, csvText, kBom, resultsCsv } from "../src/console/results_csv";

describe("csvField", () => {
  it("leaves plain text and numbers alone", () => {
    expect(csvField("repair café")).toBe("repair café");
    expect(csvField(3)).toBe("3");
    expect(csvField(6.666666)).toBe("6.67");
  });

  it("quotes commas, quotes, line breaks and edge spaces (RFC 4180)", () => {
    expect(csvField("salle, mairie")).toBe('"salle, mairie"');
    expect(csvField('le "tiers-lieu"')).toBe('"le ""tiers-lieu"""');
    expect(csvField("ligne 1\nligne 2")).toBe('"ligne 1\nligne 2"');
    expect(csvField("a\r\nb")).toBe('"a\r\nb"');
    expect(csvField(" devant")).toBe('" devant"');
  });

  it("keeps a spreadsheet from running text that looks like a formula", () => {
    expect(csvField("=HYPERLINK(\"x\")")).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField("+33 6")).toBe("'+33 6");
    expect(csvField(-2)).toBe("-2"); // numbers are numbers
  });

  it("ends every row with CRLF", () => {
    expect(csvText([["a", 1], ["b", 2]])).toBe("a,1\r\nb,2\r\n");
  });
});

describe("resultsCsv", () => {
  it("writes the points table with a BOM, one row per idea or cluster, most points first", () => {
    const r = create(ResultsSchema, {
      points: [
        { targetId: 7, isCluster: true, text: "Animations, jeux", ideaIds: [3, 4], points: 9, tables: 3 },
        { targetId: 1, text: "Ouvrir le week-end", points: 2, tables: 1 },
      ],
    });
    const csv = resultsCsv(r, []);
    expect(csv.startsWith(kBom)).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe("rang,id,type,texte,points,tables,idées du regroupement");
    expect(lines[1]).toBe('1,7,regroupement,"Animations, jeux",9,3,3 4');
    expect(lines[2]).toBe("2,1,idée,Ouvrir le week-end,2,1,");
    expect(lines[3]).toBe("");
  });

  it("adds a ranking's voters per rank, and buckets' voters per bucket", () => {
    const ranking = create(ResultsSchema, { points: [
      { targetId: 1, text: "Ouvrir", points: 6, tables: 2, ranks: [2] },
      { targetId: 2, text: "Cuisine", points: 5, tables: 2, ranks: [1, 1, 0] },
    ] });
    const lines = resultsCsv(ranking, []).slice(1).split("\r\n");
    expect(lines[0]).toBe("rang,id,type,texte,points,tables,idées du regroupement,rang 1,rang 2,rang 3");
    expect(lines[1]).toBe("1,1,idée,Ouvrir,6,2,,2,0,0");
    expect(lines[2]).toBe("2,2,idée,Cuisine,5,2,,1,1,0");
    const buckets = create(ResultsSchema, { points: [{ targetId: 3, text: "Salle", points: 2, tables: 3, buckets: [1, 0, 2] }] });
    const rows = resultsCsv(buckets, []).slice(1).split("\r\n");
    expect(rows[0]).toBe("rang,id,type,texte,points,tables,idées du regroupement,poubelle,machine à laver,coffre-fort");
    expect(rows[1]).toBe("1,3,idée,Salle,2,3,,1,0,2");
  });

  it("writes one row per idea and criterion for an evaluation, with the histogram by value", () => {
    const criteria = [
      create(CriterionSchema, { id: 1, name: "acceptabilité", direction: Direction.HIGHER_IS_BETTER, minValue: 0, maxValue: 10 }),
      create(CriterionSchema, { id: 2, name: "coût", direction: Direction.LOWER_IS_BETTER, minValue: 0, maxValue: 10 }),
    ];
    const hist = (at: number, n: number) => Array.from({ length: 11 }, (_, v) => (v === at ? n : 0));
    const r = create(ResultsSchema, {
      evaluations: [{
        ideaId: 4, text: "Hébergement solidaire", overall: 7.25, spread: 1.5, rank: 1,
        criteria: [
          { criterionId: 1, histogram: hist(8, 2), count: 2, mean: 8, median: 8, stddev: 0 },
          { criterionId: 2, histogram: hist(3, 2), count: 2, mean: 3, median: 3, stddev: 0 },
        ],
      }],
    });
    const lines = resultsCsv(r, criteria).slice(1).trimEnd().split("\r\n");
    expect(lines[0].split(",").slice(0, 11)).toEqual([
      "rang", "id idée", "idée", "note globale", "dispersion", "critère", "nombre de notes", "moyenne", "médiane", "écart-type", "note 0",
    ]);
    expect(lines[0].split(",").slice(-1)).toEqual(["note 10"]);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe("1,4,Hébergement solidaire,7.25,1.5,acceptabilité,2,8,8,0,0,0,0,0,0,0,0,0,2,0,0");
    expect(lines[2]).toBe("1,4,Hébergement solidaire,7.25,1.5,coût,2,3,3,0,0,0,0,2,0,0,0,0,0,0,0");
  });
});
