import { describe, expect, it } from "vitest";
import { csvField } from "../src/console/results_csv";
import { dispositionFileName } from "../src/console/download";

describe("dispositionFileName", () => {
  it("takes the server's file name", () => {
    expect(dispositionFileName('attachment; filename="atelier-w1-42.atelier-archive"', "x")).toBe("atelier-w1-42.atelier-archive");
    expect(dispositionFileName('inline; filename="atelier-w1-42-synthese.html"', "x")).toBe("atelier-w1-42-synthese.html");
  });

  it("keeps only safe characters, else the fallback", () => {
    expect(dispositionFileName('attachment; filename="../../etc/passwd"', "x")).toBe("....etcpasswd");
    expect(dispositionFileName(null, "data.json")).toBe("data.json");
    expect(dispositionFileName('attachment; filename="///"', "data.json")).toBe("data.json");
  });
});

// The server's raw-data CSV (report/raw_csv.cc, tests/report/raw_data_test.cc
// RawCsv.TheFieldRulesOfTheConsole) follows these same rules, case for case.
describe("the CSV rule shared with the server", () => {
  it("gives the same fields", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField(" edge")).toBe('" edge"');
    expect(csvField("=1+1")).toBe("'=1+1");
    expect(csvField("\tx")).toBe("'\tx");
    expect(csvField("\rx")).toBe("\"'\rx\"");
    expect(csvField("")).toBe("");
  });
});
