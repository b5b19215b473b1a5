// Generated from the JSON Schema by scripts/generate-types.js (npm run generate:types). Do not edit.
// @ts-nocheck
import runtime0 from 'ajv/dist/runtime/ucs2length.js';
import runtime1 from 'ajv/dist/runtime/equal.js';

export const config = validate10;
const schema11 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://stageform.dev/schema/stageform-config.schema.json","title":"StageformConfig","description":"stageform.yaml: one per project.","type":"object","additionalProperties":false,"required":["project","region"],"properties":{"project":{"description":"Project name, written into the stageform:project ownership tag of every composition stageform starts.","type":"string","minLength":1,"maxLength":63,"pattern":"^[a-z0-9][a-z0-9-]{0,62}$"},"region":{"description":"Default region for API calls; stage ARNs carry their own.","type":"string","minLength":1,"maxLength":32,"pattern":"^[a-z]{2}(-[a-z]+)+-[0-9]+$"},"tags":{"description":"Tags merged under every composition's tags (the composition's win). AWS's tagging rules: keys 1-128 and values 0-256 characters of letters, digits, spaces and _ . : / = + - @; neither may start with aws: (any case).","type":"object","maxProperties":50,"propertyNames":{"type":"string","minLength":1,"maxLength":128,"pattern":"^(?![aA][wW][sS]:)[\\p{L}\\p{Z}\\p{N}_.:/=+@-]+$"},"additionalProperties":{"type":"string","minLength":0,"maxLength":256,"pattern":"^(?![aA][wW][sS]:)[\\p{L}\\p{Z}\\p{N}_.:/=+@-]*$"}},"quotas":{"title":"QuotasConfig","description":"Concurrent compositions. AWS documents one quota, \"Compositions\": 5 per account and region by default, adjustable in Service Quotas (IVS Real-Time user guide, \"Service Quotas\"); set compositionsPerAccount when yours was raised. AWS documents no per-stage quota: compositionsPerStage limits a stage only when set.","type":"object","additionalProperties":false,"properties":{"compositionsPerStage":{"type":"integer","minimum":1,"maximum":1000,"description":"Optional limit per stage (none by default: AWS documents no per-stage quota)."},"compositionsPerAccount":{"type":"integer","minimum":1,"maximum":100000,"description":"The account's \"Compositions\" quota in each region (default 5)."}}},"whenIdle":{"description":"start (default): run even when a stage has no participants. skip: only start while the stage is live.","type":"string","enum":["start","skip"]},"timezone":{"description":"Default IANA time zone of the manifests' schedules (default UTC).","type":"string","minLength":1,"maxLength":64},"rateLimits":{"title":"RateLimitsConfig","description":"Requests per second per API operation (published IVS quotas: composition 5, stage 5, tag 10).","type":"object","additionalProperties":false,"properties":{"composition":{"type":"number","exclusiveMinimum":0,"maximum":1000},"stage":{"type":"number","exclusiveMinimum":0,"maximum":1000},"tag":{"type":"number","exclusiveMinimum":0,"maximum":1000}}},"exclude":{"description":"Paths under the project directory that hold no manifests (e.g. CI workflow files): a folder or file path relative to stageform.yaml, `*` matching within one path segment.","type":"array","items":{"type":"string","minLength":1,"maxLength":256},"uniqueItems":true}}};
const func2 = runtime0.default;
const pattern0 = new RegExp("^[a-z0-9][a-z0-9-]{0,62}$", "u");
const pattern1 = new RegExp("^[a-z]{2}(-[a-z]+)+-[0-9]+$", "u");
const pattern2 = new RegExp("^(?![aA][wW][sS]:)[\\p{L}\\p{Z}\\p{N}_.:/=+@-]+$", "u");
const pattern3 = new RegExp("^(?![aA][wW][sS]:)[\\p{L}\\p{Z}\\p{N}_.:/=+@-]*$", "u");

function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://stageform.dev/schema/stageform-config.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.project === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "project"},message:"must have required property '"+"project"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.region === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "region"},message:"must have required property '"+"region"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((((((((key0 === "project") || (key0 === "region")) || (key0 === "tags")) || (key0 === "quotas")) || (key0 === "whenIdle")) || (key0 === "timezone")) || (key0 === "rateLimits")) || (key0 === "exclude"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.project !== undefined){
let data0 = data.project;
if(typeof data0 === "string"){
if(func2(data0) > 63){
const err3 = {instancePath:instancePath+"/project",schemaPath:"#/properties/project/maxLength",keyword:"maxLength",params:{limit: 63},message:"must NOT have more than 63 characters",schema:63,parentSchema:schema11.properties.project,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(func2(data0) < 1){
const err4 = {instancePath:instancePath+"/project",schemaPath:"#/properties/project/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.project,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(!pattern0.test(data0)){
const err5 = {instancePath:instancePath+"/project",schemaPath:"#/properties/project/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9][a-z0-9-]{0,62}$"},message:"must match pattern \""+"^[a-z0-9][a-z0-9-]{0,62}$"+"\"",schema:"^[a-z0-9][a-z0-9-]{0,62}$",parentSchema:schema11.properties.project,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/project",schemaPath:"#/properties/project/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.project.type,parentSchema:schema11.properties.project,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.region !== undefined){
let data1 = data.region;
if(typeof data1 === "string"){
if(func2(data1) > 32){
const err7 = {instancePath:instancePath+"/region",schemaPath:"#/properties/region/maxLength",keyword:"maxLength",params:{limit: 32},message:"must NOT have more than 32 characters",schema:32,parentSchema:schema11.properties.region,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(func2(data1) < 1){
const err8 = {instancePath:instancePath+"/region",schemaPath:"#/properties/region/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.region,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(!pattern1.test(data1)){
const err9 = {instancePath:instancePath+"/region",schemaPath:"#/properties/region/pattern",keyword:"pattern",params:{pattern: "^[a-z]{2}(-[a-z]+)+-[0-9]+$"},message:"must match pattern \""+"^[a-z]{2}(-[a-z]+)+-[0-9]+$"+"\"",schema:"^[a-z]{2}(-[a-z]+)+-[0-9]+$",parentSchema:schema11.properties.region,data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/region",schemaPath:"#/properties/region/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.region.type,parentSchema:schema11.properties.region,data:data1};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.tags !== undefined){
let data2 = data.tags;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
if(Object.keys(data2).length > 50){
const err11 = {instancePath:instancePath+"/tags",schemaPath:"#/properties/tags/maxProperties",keyword:"maxProperties",params:{limit: 50},message:"must NOT have more than 50 properties",schema:50,parentSchema:schema11.properties.tags,data:data2};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
for(const key1 in data2){
const _errs8 = errors;
if(typeof key1 === "string"){
if(func2(key1) > 128){
const err12 = {instancePath:instancePath+"/tags",schemaPath:"#/properties/tags/propertyNames/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema11.properties.tags.propertyNames,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(func2(key1) < 1){
const err13 = {instancePath:instancePath+"/tags",schemaPath:"#/properties/tags/propertyNames/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.tags.propertyNames,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(!pattern2.test(key1)){
const err14 = {instancePath:instancePath+"/tags",schemaPath:"#/properties/tags/propertyNames/pattern",keyword:"pattern",params:{pattern: "^(?![aA][wW][sS]:)[\\p{L}\\p{Z}\\p{N}_.:/=+@-]+$"},message:"must match pattern \""+"^(?![aA][wW][sS]:)[\\p{L}\\p{Z}\\p{N}_.:/=+@-]+$"+"\"",schema:"^(?![aA][wW][sS]:)[\\p{L}\\p{Z}\\p{N}_.:/=+@-]+$",parentSchema:schema11.properties.tags.propertyNames,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/tags",schemaPath:"#/properties/tags/propertyNames/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.tags.propertyNames.type,parentSchema:schema11.properties.tags.propertyNames,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
var valid1 = _errs8 === errors;
if(!valid1){
const err16 = {instancePath:instancePath+"/tags",schemaPath:"#/properties/tags/propertyNames",keyword:"propertyNames",params:{propertyName: key1},message:"property name must be valid",schema:schema11.properties.tags.propertyNames,parentSchema:schema11.properties.tags,data:data2};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
for(const key2 in data2){
let data3 = data2[key2];
if(typeof data3 === "string"){
if(func2(data3) > 256){
const err17 = {instancePath:instancePath+"/tags/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/tags/additionalProperties/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema11.properties.tags.additionalProperties,data:data3};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(func2(data3) < 0){
const err18 = {instancePath:instancePath+"/tags/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/tags/additionalProperties/minLength",keyword:"minLength",params:{limit: 0},message:"must NOT have fewer than 0 characters",schema:0,parentSchema:schema11.properties.tags.additionalProperties,data:data3};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(!pattern3.test(data3)){
const err19 = {instancePath:instancePath+"/tags/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/tags/additionalProperties/pattern",keyword:"pattern",params:{pattern: "^(?![aA][wW][sS]:)[\\p{L}\\p{Z}\\p{N}_.:/=+@-]*$"},message:"must match pattern \""+"^(?![aA][wW][sS]:)[\\p{L}\\p{Z}\\p{N}_.:/=+@-]*$"+"\"",schema:"^(?![aA][wW][sS]:)[\\p{L}\\p{Z}\\p{N}_.:/=+@-]*$",parentSchema:schema11.properties.tags.additionalProperties,data:data3};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
else {
const err20 = {instancePath:instancePath+"/tags/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/tags/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.tags.additionalProperties.type,parentSchema:schema11.properties.tags.additionalProperties,data:data3};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
else {
const err21 = {instancePath:instancePath+"/tags",schemaPath:"#/properties/tags/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.tags.type,parentSchema:schema11.properties.tags,data:data2};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.quotas !== undefined){
let data4 = data.quotas;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
for(const key3 in data4){
if(!((key3 === "compositionsPerStage") || (key3 === "compositionsPerAccount"))){
const err22 = {instancePath:instancePath+"/quotas",schemaPath:"#/properties/quotas/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.quotas,data:data4};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data4.compositionsPerStage !== undefined){
let data5 = data4.compositionsPerStage;
if(!(((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5))) && (isFinite(data5)))){
const err23 = {instancePath:instancePath+"/quotas/compositionsPerStage",schemaPath:"#/properties/quotas/properties/compositionsPerStage/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.quotas.properties.compositionsPerStage.type,parentSchema:schema11.properties.quotas.properties.compositionsPerStage,data:data5};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if((typeof data5 == "number") && (isFinite(data5))){
if(data5 > 1000 || isNaN(data5)){
const err24 = {instancePath:instancePath+"/quotas/compositionsPerStage",schemaPath:"#/properties/quotas/properties/compositionsPerStage/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000},message:"must be <= 1000",schema:1000,parentSchema:schema11.properties.quotas.properties.compositionsPerStage,data:data5};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if(data5 < 1 || isNaN(data5)){
const err25 = {instancePath:instancePath+"/quotas/compositionsPerStage",schemaPath:"#/properties/quotas/properties/compositionsPerStage/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema11.properties.quotas.properties.compositionsPerStage,data:data5};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
}
if(data4.compositionsPerAccount !== undefined){
let data6 = data4.compositionsPerAccount;
if(!(((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6))) && (isFinite(data6)))){
const err26 = {instancePath:instancePath+"/quotas/compositionsPerAccount",schemaPath:"#/properties/quotas/properties/compositionsPerAccount/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.quotas.properties.compositionsPerAccount.type,parentSchema:schema11.properties.quotas.properties.compositionsPerAccount,data:data6};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if((typeof data6 == "number") && (isFinite(data6))){
if(data6 > 100000 || isNaN(data6)){
const err27 = {instancePath:instancePath+"/quotas/compositionsPerAccount",schemaPath:"#/properties/quotas/properties/compositionsPerAccount/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100000},message:"must be <= 100000",schema:100000,parentSchema:schema11.properties.quotas.properties.compositionsPerAccount,data:data6};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
if(data6 < 1 || isNaN(data6)){
const err28 = {instancePath:instancePath+"/quotas/compositionsPerAccount",schemaPath:"#/properties/quotas/properties/compositionsPerAccount/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema11.properties.quotas.properties.compositionsPerAccount,data:data6};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
}
}
else {
const err29 = {instancePath:instancePath+"/quotas",schemaPath:"#/properties/quotas/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.quotas.type,parentSchema:schema11.properties.quotas,data:data4};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data.whenIdle !== undefined){
let data7 = data.whenIdle;
if(typeof data7 !== "string"){
const err30 = {instancePath:instancePath+"/whenIdle",schemaPath:"#/properties/whenIdle/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.whenIdle.type,parentSchema:schema11.properties.whenIdle,data:data7};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if(!((data7 === "start") || (data7 === "skip"))){
const err31 = {instancePath:instancePath+"/whenIdle",schemaPath:"#/properties/whenIdle/enum",keyword:"enum",params:{allowedValues: schema11.properties.whenIdle.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.whenIdle.enum,parentSchema:schema11.properties.whenIdle,data:data7};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data.timezone !== undefined){
let data8 = data.timezone;
if(typeof data8 === "string"){
if(func2(data8) > 64){
const err32 = {instancePath:instancePath+"/timezone",schemaPath:"#/properties/timezone/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema11.properties.timezone,data:data8};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
if(func2(data8) < 1){
const err33 = {instancePath:instancePath+"/timezone",schemaPath:"#/properties/timezone/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.timezone,data:data8};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
else {
const err34 = {instancePath:instancePath+"/timezone",schemaPath:"#/properties/timezone/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.timezone.type,parentSchema:schema11.properties.timezone,data:data8};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data.rateLimits !== undefined){
let data9 = data.rateLimits;
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
for(const key4 in data9){
if(!(((key4 === "composition") || (key4 === "stage")) || (key4 === "tag"))){
const err35 = {instancePath:instancePath+"/rateLimits",schemaPath:"#/properties/rateLimits/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.rateLimits,data:data9};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data9.composition !== undefined){
let data10 = data9.composition;
if((typeof data10 == "number") && (isFinite(data10))){
if(data10 > 1000 || isNaN(data10)){
const err36 = {instancePath:instancePath+"/rateLimits/composition",schemaPath:"#/properties/rateLimits/properties/composition/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000},message:"must be <= 1000",schema:1000,parentSchema:schema11.properties.rateLimits.properties.composition,data:data10};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if(data10 <= 0 || isNaN(data10)){
const err37 = {instancePath:instancePath+"/rateLimits/composition",schemaPath:"#/properties/rateLimits/properties/composition/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema11.properties.rateLimits.properties.composition,data:data10};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
else {
const err38 = {instancePath:instancePath+"/rateLimits/composition",schemaPath:"#/properties/rateLimits/properties/composition/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema11.properties.rateLimits.properties.composition.type,parentSchema:schema11.properties.rateLimits.properties.composition,data:data10};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data9.stage !== undefined){
let data11 = data9.stage;
if((typeof data11 == "number") && (isFinite(data11))){
if(data11 > 1000 || isNaN(data11)){
const err39 = {instancePath:instancePath+"/rateLimits/stage",schemaPath:"#/properties/rateLimits/properties/stage/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000},message:"must be <= 1000",schema:1000,parentSchema:schema11.properties.rateLimits.properties.stage,data:data11};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
if(data11 <= 0 || isNaN(data11)){
const err40 = {instancePath:instancePath+"/rateLimits/stage",schemaPath:"#/properties/rateLimits/properties/stage/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema11.properties.rateLimits.properties.stage,data:data11};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
else {
const err41 = {instancePath:instancePath+"/rateLimits/stage",schemaPath:"#/properties/rateLimits/properties/stage/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema11.properties.rateLimits.properties.stage.type,parentSchema:schema11.properties.rateLimits.properties.stage,data:data11};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
if(data9.tag !== undefined){
let data12 = data9.tag;
if((typeof data12 == "number") && (isFinite(data12))){
if(data12 > 1000 || isNaN(data12)){
const err42 = {instancePath:instancePath+"/rateLimits/tag",schemaPath:"#/properties/rateLimits/properties/tag/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000},message:"must be <= 1000",schema:1000,parentSchema:schema11.properties.rateLimits.properties.tag,data:data12};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
if(data12 <= 0 || isNaN(data12)){
const err43 = {instancePath:instancePath+"/rateLimits/tag",schemaPath:"#/properties/rateLimits/properties/tag/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema11.properties.rateLimits.properties.tag,data:data12};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
else {
const err44 = {instancePath:instancePath+"/rateLimits/tag",schemaPath:"#/properties/rateLimits/properties/tag/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema11.properties.rateLimits.properties.tag.type,parentSchema:schema11.properties.rateLimits.properties.tag,data:data12};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
}
else {
const err45 = {instancePath:instancePath+"/rateLimits",schemaPath:"#/properties/rateLimits/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.rateLimits.type,parentSchema:schema11.properties.rateLimits,data:data9};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
if(data.exclude !== undefined){
let data13 = data.exclude;
if(Array.isArray(data13)){
const len0 = data13.length;
for(let i0=0; i0<len0; i0++){
let data14 = data13[i0];
if(typeof data14 === "string"){
if(func2(data14) > 256){
const err46 = {instancePath:instancePath+"/exclude/" + i0,schemaPath:"#/properties/exclude/items/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema11.properties.exclude.items,data:data14};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
if(func2(data14) < 1){
const err47 = {instancePath:instancePath+"/exclude/" + i0,schemaPath:"#/properties/exclude/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.exclude.items,data:data14};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
else {
const err48 = {instancePath:instancePath+"/exclude/" + i0,schemaPath:"#/properties/exclude/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.exclude.items.type,parentSchema:schema11.properties.exclude.items,data:data14};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
let i1 = data13.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data13[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err49 = {instancePath:instancePath+"/exclude",schemaPath:"#/properties/exclude/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema11.properties.exclude,data:data13};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err50 = {instancePath:instancePath+"/exclude",schemaPath:"#/properties/exclude/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.exclude.type,parentSchema:schema11.properties.exclude,data:data13};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
}
else {
const err51 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.type,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
validate10.errors = vErrors;
return errors === 0;
}

export const manifest = validate11;
const schema12 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://stageform.dev/schema/stage-compositions.schema.json","title":"StageCompositionsManifest","description":"A stageform manifest: the server-side compositions that should run on one Amazon IVS Real-Time stage. Constraints follow StartComposition in the IVS Real-Time API model (2020-07-14).","type":"object","additionalProperties":false,"required":["apiVersion","kind","metadata","spec"],"properties":{"apiVersion":{"description":"Manifest format version.","type":"string","const":"stageform/v1"},"kind":{"description":"Document kind.","type":"string","const":"StageCompositions"},"metadata":{"title":"ManifestMetadata","type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"$ref":"#/definitions/ResourceName","description":"Unique in the project; the first half of every composition address (`<name>/<composition>`)."}}},"spec":{"title":"StageCompositionsSpec","type":"object","additionalProperties":false,"required":["stageArn","compositions"],"properties":{"stageArn":{"$ref":"#/definitions/StageArn"},"whenIdle":{"$ref":"#/definitions/WhenIdle"},"schedule":{"$ref":"#/definitions/Schedule"},"compositions":{"description":"The compositions that should run on this stage.","type":"array","items":{"$ref":"#/definitions/Composition"}}}}},"definitions":{"ResourceName":{"type":"string","minLength":1,"maxLength":63,"pattern":"^[a-z0-9][a-z0-9-]{0,62}$"},"WhenIdle":{"description":"start: run even when the stage has no participants (IVS stops an idle composition after about a minute). skip: only start while the stage is live.","type":"string","enum":["start","skip"]},"Schedule":{"title":"ScheduleManifest","description":"Time windows in which compositions should run: open while a window is open and no deny window is (deny wins). In spec it covers every composition of the stage; a composition's own schedule replaces it. Without a schedule a composition always runs.","type":"object","additionalProperties":false,"required":["windows"],"properties":{"timezone":{"description":"IANA time zone the cron windows (and one-off times without an offset) are read in; default stageform.yaml's timezone, else UTC.","type":"string","minLength":1,"maxLength":64},"windows":{"description":"When the compositions run.","type":"array","minItems":1,"maxItems":50,"items":{"$ref":"#/definitions/ScheduleWindow"}},"deny":{"description":"When they must not run, even inside a window.","type":"array","maxItems":50,"items":{"$ref":"#/definitions/ScheduleWindow"}}}},"ScheduleWindow":{"title":"ScheduleWindowManifest","description":"Either cron and duration (opens at each match, stays open that long) or start and end (a one-off, ISO 8601).","type":"object","additionalProperties":false,"properties":{"cron":{"description":"Five or six cron fields (croner syntax), read in the schedule's time zone.","type":"string","minLength":1,"maxLength":256},"duration":{"description":"How long each opening lasts: 2h, 90m, 1h30m.","type":"string","minLength":1,"maxLength":32},"start":{"description":"ISO 8601 date-time; without an offset it is read in the schedule's time zone.","type":"string","minLength":1,"maxLength":64},"end":{"description":"ISO 8601 date-time, after start.","type":"string","minLength":1,"maxLength":64}}},"StageArn":{"type":"string","minLength":1,"maxLength":128,"pattern":"^arn:aws:ivs:[a-z0-9-]+:[0-9]+:stage/[a-zA-Z0-9-]+$"},"ChannelArn":{"type":"string","minLength":1,"maxLength":128,"pattern":"^arn:aws:ivs:[a-z0-9-]+:[0-9]+:channel/[a-zA-Z0-9-]+$"},"EncoderConfigurationArn":{"type":"string","minLength":1,"maxLength":128,"pattern":"^arn:aws:ivs:[a-z0-9-]+:[0-9]+:encoder-configuration/[a-zA-Z0-9-]+$"},"StorageConfigurationArn":{"type":"string","minLength":1,"maxLength":128,"pattern":"^arn:aws:ivs:[a-z0-9-]+:[0-9]+:storage-configuration/[a-zA-Z0-9-]+$"},"AttributeKey":{"type":"string","minLength":0,"maxLength":128,"pattern":"^[a-zA-Z0-9-_]*$"},"VideoFillMode":{"type":"string","enum":["FILL","COVER","CONTAIN"]},"GridGap":{"description":"Pixels between participant videos.","type":"integer","minimum":0},"Tags":{"description":"Tags written on the composition (at most 50 including stageform's 3 ownership tags). AWS's tagging rules: keys 1-128 and values 0-256 characters of letters, digits, spaces and _ . : / = + - @; neither may start with aws: (any case).","type":"object","maxProperties":50,"propertyNames":{"type":"string","minLength":1,"maxLength":128,"pattern":"^(?![aA][wW][sS]:)[\\p{L}\\p{Z}\\p{N}_.:/=+@-]+$"},"additionalProperties":{"type":"string","minLength":0,"maxLength":256,"pattern":"^(?![aA][wW][sS]:)[\\p{L}\\p{Z}\\p{N}_.:/=+@-]*$"}},"Composition":{"title":"CompositionManifest","type":"object","additionalProperties":false,"required":["name","destinations"],"properties":{"name":{"$ref":"#/definitions/ResourceName","description":"Unique on this stage; the second half of the address."},"layout":{"$ref":"#/definitions/Layout"},"destinations":{"description":"1-2 destinations: at most one channel and at most one s3.","type":"array","minItems":1,"maxItems":2,"uniqueItems":true,"items":{"$ref":"#/definitions/Destination"}},"tags":{"$ref":"#/definitions/Tags"},"schedule":{"$ref":"#/definitions/Schedule"}}},"Layout":{"title":"LayoutManifest","description":"Exactly one of grid or pip; omitted means grid with AWS defaults.","type":"object","additionalProperties":false,"maxProperties":1,"properties":{"grid":{"$ref":"#/definitions/Grid"},"pip":{"$ref":"#/definitions/Pip"}}},"Grid":{"title":"GridManifest","type":"object","additionalProperties":false,"properties":{"featuredParticipantAttribute":{"$ref":"#/definitions/AttributeKey","description":"Participant attribute marking the featured participant."},"omitStoppedVideo":{"type":"boolean"},"videoAspectRatio":{"type":"string","enum":["AUTO","VIDEO","SQUARE","PORTRAIT"]},"videoFillMode":{"$ref":"#/definitions/VideoFillMode"},"gridGap":{"$ref":"#/definitions/GridGap"},"participantOrderAttribute":{"$ref":"#/definitions/AttributeKey","description":"Participant attribute that orders the slots."}}},"Pip":{"title":"PipManifest","type":"object","additionalProperties":false,"properties":{"featuredParticipantAttribute":{"$ref":"#/definitions/AttributeKey"},"omitStoppedVideo":{"type":"boolean"},"videoFillMode":{"$ref":"#/definitions/VideoFillMode"},"gridGap":{"$ref":"#/definitions/GridGap"},"pipParticipantAttribute":{"$ref":"#/definitions/AttributeKey","description":"Participant attribute marking the picture-in-picture participant."},"pipBehavior":{"type":"string","enum":["STATIC","DYNAMIC"]},"pipOffset":{"type":"integer","minimum":0},"pipPosition":{"type":"string","enum":["TOP_LEFT","TOP_RIGHT","BOTTOM_LEFT","BOTTOM_RIGHT"]},"pipWidth":{"type":"integer","minimum":1},"pipHeight":{"type":"integer","minimum":1},"participantOrderAttribute":{"$ref":"#/definitions/AttributeKey"}}},"Destination":{"title":"DestinationManifest","description":"Exactly one of channel or s3.","type":"object","additionalProperties":false,"properties":{"name":{"type":"string","minLength":0,"maxLength":128,"pattern":"^[a-zA-Z0-9-_]*$"},"channel":{"$ref":"#/definitions/ChannelDestination"},"s3":{"$ref":"#/definitions/S3Destination"}},"if":{"required":["channel"]},"then":{"not":{"required":["s3"]}},"else":{"required":["s3"]}},"ChannelDestination":{"title":"ChannelDestinationManifest","type":"object","additionalProperties":false,"required":["channelArn"],"properties":{"channelArn":{"$ref":"#/definitions/ChannelArn"},"encoderConfigurationArn":{"$ref":"#/definitions/EncoderConfigurationArn"}}},"S3Destination":{"title":"S3DestinationManifest","type":"object","additionalProperties":false,"required":["storageConfigurationArn","encoderConfigurationArns"],"properties":{"storageConfigurationArn":{"$ref":"#/definitions/StorageConfigurationArn"},"encoderConfigurationArns":{"type":"array","minItems":1,"maxItems":1,"items":{"$ref":"#/definitions/EncoderConfigurationArn"}},"recordingConfiguration":{"title":"RecordingManifest","type":"object","additionalProperties":false,"properties":{"format":{"type":"string","enum":["HLS"]},"hlsConfiguration":{"title":"HlsManifest","type":"object","additionalProperties":false,"properties":{"targetSegmentDurationSeconds":{"type":"integer","minimum":2,"maximum":10}}}}},"thumbnailConfigurations":{"type":"array","minItems":0,"maxItems":1,"items":{"title":"ThumbnailManifest","type":"object","additionalProperties":false,"properties":{"targetIntervalSeconds":{"type":"integer","minimum":1,"maximum":86400},"storage":{"type":"array","minItems":0,"maxItems":2,"uniqueItems":true,"items":{"type":"string","enum":["SEQUENTIAL","LATEST"]}}}}}}}}};
const schema13 = {"type":"string","minLength":1,"maxLength":63,"pattern":"^[a-z0-9][a-z0-9-]{0,62}$"};
const schema14 = {"type":"string","minLength":1,"maxLength":128,"pattern":"^arn:aws:ivs:[a-z0-9-]+:[0-9]+:stage/[a-zA-Z0-9-]+$"};
const schema15 = {"description":"start: run even when the stage has no participants (IVS stops an idle composition after about a minute). skip: only start while the stage is live.","type":"string","enum":["start","skip"]};
const pattern5 = new RegExp("^arn:aws:ivs:[a-z0-9-]+:[0-9]+:stage/[a-zA-Z0-9-]+$", "u");
const schema16 = {"title":"ScheduleManifest","description":"Time windows in which compositions should run: open while a window is open and no deny window is (deny wins). In spec it covers every composition of the stage; a composition's own schedule replaces it. Without a schedule a composition always runs.","type":"object","additionalProperties":false,"required":["windows"],"properties":{"timezone":{"description":"IANA time zone the cron windows (and one-off times without an offset) are read in; default stageform.yaml's timezone, else UTC.","type":"string","minLength":1,"maxLength":64},"windows":{"description":"When the compositions run.","type":"array","minItems":1,"maxItems":50,"items":{"$ref":"#/definitions/ScheduleWindow"}},"deny":{"description":"When they must not run, even inside a window.","type":"array","maxItems":50,"items":{"$ref":"#/definitions/ScheduleWindow"}}}};
const schema17 = {"title":"ScheduleWindowManifest","description":"Either cron and duration (opens at each match, stays open that long) or start and end (a one-off, ISO 8601).","type":"object","additionalProperties":false,"properties":{"cron":{"description":"Five or six cron fields (croner syntax), read in the schedule's time zone.","type":"string","minLength":1,"maxLength":256},"duration":{"description":"How long each opening lasts: 2h, 90m, 1h30m.","type":"string","minLength":1,"maxLength":32},"start":{"description":"ISO 8601 date-time; without an offset it is read in the schedule's time zone.","type":"string","minLength":1,"maxLength":64},"end":{"description":"ISO 8601 date-time, after start.","type":"string","minLength":1,"maxLength":64}}};

function validate12(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.windows === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "windows"},message:"must have required property '"+"windows"+"'",schema:schema16.required,parentSchema:schema16,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "timezone") || (key0 === "windows")) || (key0 === "deny"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema16,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.timezone !== undefined){
let data0 = data.timezone;
if(typeof data0 === "string"){
if(func2(data0) > 64){
const err2 = {instancePath:instancePath+"/timezone",schemaPath:"#/properties/timezone/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema16.properties.timezone,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(func2(data0) < 1){
const err3 = {instancePath:instancePath+"/timezone",schemaPath:"#/properties/timezone/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema16.properties.timezone,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/timezone",schemaPath:"#/properties/timezone/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.properties.timezone.type,parentSchema:schema16.properties.timezone,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.windows !== undefined){
let data1 = data.windows;
if(Array.isArray(data1)){
if(data1.length > 50){
const err5 = {instancePath:instancePath+"/windows",schemaPath:"#/properties/windows/maxItems",keyword:"maxItems",params:{limit: 50},message:"must NOT have more than 50 items",schema:50,parentSchema:schema16.properties.windows,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data1.length < 1){
const err6 = {instancePath:instancePath+"/windows",schemaPath:"#/properties/windows/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema16.properties.windows,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
let data2 = data1[i0];
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
for(const key1 in data2){
if(!((((key1 === "cron") || (key1 === "duration")) || (key1 === "start")) || (key1 === "end"))){
const err7 = {instancePath:instancePath+"/windows/" + i0,schemaPath:"#/definitions/ScheduleWindow/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema17,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data2.cron !== undefined){
let data3 = data2.cron;
if(typeof data3 === "string"){
if(func2(data3) > 256){
const err8 = {instancePath:instancePath+"/windows/" + i0+"/cron",schemaPath:"#/definitions/ScheduleWindow/properties/cron/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema17.properties.cron,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(func2(data3) < 1){
const err9 = {instancePath:instancePath+"/windows/" + i0+"/cron",schemaPath:"#/definitions/ScheduleWindow/properties/cron/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema17.properties.cron,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/windows/" + i0+"/cron",schemaPath:"#/definitions/ScheduleWindow/properties/cron/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.cron.type,parentSchema:schema17.properties.cron,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data2.duration !== undefined){
let data4 = data2.duration;
if(typeof data4 === "string"){
if(func2(data4) > 32){
const err11 = {instancePath:instancePath+"/windows/" + i0+"/duration",schemaPath:"#/definitions/ScheduleWindow/properties/duration/maxLength",keyword:"maxLength",params:{limit: 32},message:"must NOT have more than 32 characters",schema:32,parentSchema:schema17.properties.duration,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(func2(data4) < 1){
const err12 = {instancePath:instancePath+"/windows/" + i0+"/duration",schemaPath:"#/definitions/ScheduleWindow/properties/duration/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema17.properties.duration,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/windows/" + i0+"/duration",schemaPath:"#/definitions/ScheduleWindow/properties/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.duration.type,parentSchema:schema17.properties.duration,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data2.start !== undefined){
let data5 = data2.start;
if(typeof data5 === "string"){
if(func2(data5) > 64){
const err14 = {instancePath:instancePath+"/windows/" + i0+"/start",schemaPath:"#/definitions/ScheduleWindow/properties/start/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema17.properties.start,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(func2(data5) < 1){
const err15 = {instancePath:instancePath+"/windows/" + i0+"/start",schemaPath:"#/definitions/ScheduleWindow/properties/start/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema17.properties.start,data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/windows/" + i0+"/start",schemaPath:"#/definitions/ScheduleWindow/properties/start/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.start.type,parentSchema:schema17.properties.start,data:data5};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data2.end !== undefined){
let data6 = data2.end;
if(typeof data6 === "string"){
if(func2(data6) > 64){
const err17 = {instancePath:instancePath+"/windows/" + i0+"/end",schemaPath:"#/definitions/ScheduleWindow/properties/end/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema17.properties.end,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(func2(data6) < 1){
const err18 = {instancePath:instancePath+"/windows/" + i0+"/end",schemaPath:"#/definitions/ScheduleWindow/properties/end/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema17.properties.end,data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/windows/" + i0+"/end",schemaPath:"#/definitions/ScheduleWindow/properties/end/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.end.type,parentSchema:schema17.properties.end,data:data6};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
else {
const err20 = {instancePath:instancePath+"/windows/" + i0,schemaPath:"#/definitions/ScheduleWindow/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema17.type,parentSchema:schema17,data:data2};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
else {
const err21 = {instancePath:instancePath+"/windows",schemaPath:"#/properties/windows/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema16.properties.windows.type,parentSchema:schema16.properties.windows,data:data1};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.deny !== undefined){
let data7 = data.deny;
if(Array.isArray(data7)){
if(data7.length > 50){
const err22 = {instancePath:instancePath+"/deny",schemaPath:"#/properties/deny/maxItems",keyword:"maxItems",params:{limit: 50},message:"must NOT have more than 50 items",schema:50,parentSchema:schema16.properties.deny,data:data7};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
const len1 = data7.length;
for(let i1=0; i1<len1; i1++){
let data8 = data7[i1];
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
for(const key2 in data8){
if(!((((key2 === "cron") || (key2 === "duration")) || (key2 === "start")) || (key2 === "end"))){
const err23 = {instancePath:instancePath+"/deny/" + i1,schemaPath:"#/definitions/ScheduleWindow/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema17,data:data8};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data8.cron !== undefined){
let data9 = data8.cron;
if(typeof data9 === "string"){
if(func2(data9) > 256){
const err24 = {instancePath:instancePath+"/deny/" + i1+"/cron",schemaPath:"#/definitions/ScheduleWindow/properties/cron/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema17.properties.cron,data:data9};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if(func2(data9) < 1){
const err25 = {instancePath:instancePath+"/deny/" + i1+"/cron",schemaPath:"#/definitions/ScheduleWindow/properties/cron/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema17.properties.cron,data:data9};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
else {
const err26 = {instancePath:instancePath+"/deny/" + i1+"/cron",schemaPath:"#/definitions/ScheduleWindow/properties/cron/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.cron.type,parentSchema:schema17.properties.cron,data:data9};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data8.duration !== undefined){
let data10 = data8.duration;
if(typeof data10 === "string"){
if(func2(data10) > 32){
const err27 = {instancePath:instancePath+"/deny/" + i1+"/duration",schemaPath:"#/definitions/ScheduleWindow/properties/duration/maxLength",keyword:"maxLength",params:{limit: 32},message:"must NOT have more than 32 characters",schema:32,parentSchema:schema17.properties.duration,data:data10};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
if(func2(data10) < 1){
const err28 = {instancePath:instancePath+"/deny/" + i1+"/duration",schemaPath:"#/definitions/ScheduleWindow/properties/duration/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema17.properties.duration,data:data10};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
else {
const err29 = {instancePath:instancePath+"/deny/" + i1+"/duration",schemaPath:"#/definitions/ScheduleWindow/properties/duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.duration.type,parentSchema:schema17.properties.duration,data:data10};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data8.start !== undefined){
let data11 = data8.start;
if(typeof data11 === "string"){
if(func2(data11) > 64){
const err30 = {instancePath:instancePath+"/deny/" + i1+"/start",schemaPath:"#/definitions/ScheduleWindow/properties/start/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema17.properties.start,data:data11};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if(func2(data11) < 1){
const err31 = {instancePath:instancePath+"/deny/" + i1+"/start",schemaPath:"#/definitions/ScheduleWindow/properties/start/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema17.properties.start,data:data11};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
else {
const err32 = {instancePath:instancePath+"/deny/" + i1+"/start",schemaPath:"#/definitions/ScheduleWindow/properties/start/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.start.type,parentSchema:schema17.properties.start,data:data11};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data8.end !== undefined){
let data12 = data8.end;
if(typeof data12 === "string"){
if(func2(data12) > 64){
const err33 = {instancePath:instancePath+"/deny/" + i1+"/end",schemaPath:"#/definitions/ScheduleWindow/properties/end/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema17.properties.end,data:data12};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
if(func2(data12) < 1){
const err34 = {instancePath:instancePath+"/deny/" + i1+"/end",schemaPath:"#/definitions/ScheduleWindow/properties/end/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema17.properties.end,data:data12};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
else {
const err35 = {instancePath:instancePath+"/deny/" + i1+"/end",schemaPath:"#/definitions/ScheduleWindow/properties/end/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.end.type,parentSchema:schema17.properties.end,data:data12};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
}
else {
const err36 = {instancePath:instancePath+"/deny/" + i1,schemaPath:"#/definitions/ScheduleWindow/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema17.type,parentSchema:schema17,data:data8};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
}
else {
const err37 = {instancePath:instancePath+"/deny",schemaPath:"#/properties/deny/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema16.properties.deny.type,parentSchema:schema16.properties.deny,data:data7};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
}
else {
const err38 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema16.type,parentSchema:schema16,data};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
validate12.errors = vErrors;
return errors === 0;
}

const schema19 = {"title":"CompositionManifest","type":"object","additionalProperties":false,"required":["name","destinations"],"properties":{"name":{"$ref":"#/definitions/ResourceName","description":"Unique on this stage; the second half of the address."},"layout":{"$ref":"#/definitions/Layout"},"destinations":{"description":"1-2 destinations: at most one channel and at most one s3.","type":"array","minItems":1,"maxItems":2,"uniqueItems":true,"items":{"$ref":"#/definitions/Destination"}},"tags":{"$ref":"#/definitions/Tags"},"schedule":{"$ref":"#/definitions/Schedule"}}};
const schema40 = {"description":"Tags written on the composition (at most 50 including stageform's 3 ownership tags). AWS's tagging rules: keys 1-128 and values 0-256 characters of letters, digits, spaces and _ . : / = + - @; neither may start with aws: (any case).","type":"object","maxProperties":50,"propertyNames":{"type":"string","minLength":1,"maxLength":128,"pattern":"^(?![aA][wW][sS]:)[\\p{L}\\p{Z}\\p{N}_.:/=+@-]+$"},"additionalProperties":{"type":"string","minLength":0,"maxLength":256,"pattern":"^(?![aA][wW][sS]:)[\\p{L}\\p{Z}\\p{N}_.:/=+@-]*$"}};
const func0 = runtime1.default;
const schema21 = {"title":"LayoutManifest","description":"Exactly one of grid or pip; omitted means grid with AWS defaults.","type":"object","additionalProperties":false,"maxProperties":1,"properties":{"grid":{"$ref":"#/definitions/Grid"},"pip":{"$ref":"#/definitions/Pip"}}};
const schema22 = {"title":"GridManifest","type":"object","additionalProperties":false,"properties":{"featuredParticipantAttribute":{"$ref":"#/definitions/AttributeKey","description":"Participant attribute marking the featured participant."},"omitStoppedVideo":{"type":"boolean"},"videoAspectRatio":{"type":"string","enum":["AUTO","VIDEO","SQUARE","PORTRAIT"]},"videoFillMode":{"$ref":"#/definitions/VideoFillMode"},"gridGap":{"$ref":"#/definitions/GridGap"},"participantOrderAttribute":{"$ref":"#/definitions/AttributeKey","description":"Participant attribute that orders the slots."}}};
const schema23 = {"type":"string","minLength":0,"maxLength":128,"pattern":"^[a-zA-Z0-9-_]*$"};
const schema24 = {"type":"string","enum":["FILL","COVER","CONTAIN"]};
const schema25 = {"description":"Pixels between participant videos.","type":"integer","minimum":0};
const pattern7 = new RegExp("^[a-zA-Z0-9-_]*$", "u");

function validate16(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((((((key0 === "featuredParticipantAttribute") || (key0 === "omitStoppedVideo")) || (key0 === "videoAspectRatio")) || (key0 === "videoFillMode")) || (key0 === "gridGap")) || (key0 === "participantOrderAttribute"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema22,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.featuredParticipantAttribute !== undefined){
let data0 = data.featuredParticipantAttribute;
if(typeof data0 === "string"){
if(func2(data0) > 128){
const err1 = {instancePath:instancePath+"/featuredParticipantAttribute",schemaPath:"#/definitions/AttributeKey/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema23,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(func2(data0) < 0){
const err2 = {instancePath:instancePath+"/featuredParticipantAttribute",schemaPath:"#/definitions/AttributeKey/minLength",keyword:"minLength",params:{limit: 0},message:"must NOT have fewer than 0 characters",schema:0,parentSchema:schema23,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(!pattern7.test(data0)){
const err3 = {instancePath:instancePath+"/featuredParticipantAttribute",schemaPath:"#/definitions/AttributeKey/pattern",keyword:"pattern",params:{pattern: "^[a-zA-Z0-9-_]*$"},message:"must match pattern \""+"^[a-zA-Z0-9-_]*$"+"\"",schema:"^[a-zA-Z0-9-_]*$",parentSchema:schema23,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/featuredParticipantAttribute",schemaPath:"#/definitions/AttributeKey/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema23.type,parentSchema:schema23,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.omitStoppedVideo !== undefined){
let data1 = data.omitStoppedVideo;
if(typeof data1 !== "boolean"){
const err5 = {instancePath:instancePath+"/omitStoppedVideo",schemaPath:"#/properties/omitStoppedVideo/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema22.properties.omitStoppedVideo.type,parentSchema:schema22.properties.omitStoppedVideo,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.videoAspectRatio !== undefined){
let data2 = data.videoAspectRatio;
if(typeof data2 !== "string"){
const err6 = {instancePath:instancePath+"/videoAspectRatio",schemaPath:"#/properties/videoAspectRatio/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema22.properties.videoAspectRatio.type,parentSchema:schema22.properties.videoAspectRatio,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(!((((data2 === "AUTO") || (data2 === "VIDEO")) || (data2 === "SQUARE")) || (data2 === "PORTRAIT"))){
const err7 = {instancePath:instancePath+"/videoAspectRatio",schemaPath:"#/properties/videoAspectRatio/enum",keyword:"enum",params:{allowedValues: schema22.properties.videoAspectRatio.enum},message:"must be equal to one of the allowed values",schema:schema22.properties.videoAspectRatio.enum,parentSchema:schema22.properties.videoAspectRatio,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.videoFillMode !== undefined){
let data3 = data.videoFillMode;
if(typeof data3 !== "string"){
const err8 = {instancePath:instancePath+"/videoFillMode",schemaPath:"#/definitions/VideoFillMode/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema24.type,parentSchema:schema24,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(!(((data3 === "FILL") || (data3 === "COVER")) || (data3 === "CONTAIN"))){
const err9 = {instancePath:instancePath+"/videoFillMode",schemaPath:"#/definitions/VideoFillMode/enum",keyword:"enum",params:{allowedValues: schema24.enum},message:"must be equal to one of the allowed values",schema:schema24.enum,parentSchema:schema24,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.gridGap !== undefined){
let data4 = data.gridGap;
if(!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))){
const err10 = {instancePath:instancePath+"/gridGap",schemaPath:"#/definitions/GridGap/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema25.type,parentSchema:schema25,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 < 0 || isNaN(data4)){
const err11 = {instancePath:instancePath+"/gridGap",schemaPath:"#/definitions/GridGap/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema25,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
if(data.participantOrderAttribute !== undefined){
let data5 = data.participantOrderAttribute;
if(typeof data5 === "string"){
if(func2(data5) > 128){
const err12 = {instancePath:instancePath+"/participantOrderAttribute",schemaPath:"#/definitions/AttributeKey/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema23,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(func2(data5) < 0){
const err13 = {instancePath:instancePath+"/participantOrderAttribute",schemaPath:"#/definitions/AttributeKey/minLength",keyword:"minLength",params:{limit: 0},message:"must NOT have fewer than 0 characters",schema:0,parentSchema:schema23,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(!pattern7.test(data5)){
const err14 = {instancePath:instancePath+"/participantOrderAttribute",schemaPath:"#/definitions/AttributeKey/pattern",keyword:"pattern",params:{pattern: "^[a-zA-Z0-9-_]*$"},message:"must match pattern \""+"^[a-zA-Z0-9-_]*$"+"\"",schema:"^[a-zA-Z0-9-_]*$",parentSchema:schema23,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/participantOrderAttribute",schemaPath:"#/definitions/AttributeKey/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema23.type,parentSchema:schema23,data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
else {
const err16 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema22.type,parentSchema:schema22,data};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
validate16.errors = vErrors;
return errors === 0;
}

const schema27 = {"title":"PipManifest","type":"object","additionalProperties":false,"properties":{"featuredParticipantAttribute":{"$ref":"#/definitions/AttributeKey"},"omitStoppedVideo":{"type":"boolean"},"videoFillMode":{"$ref":"#/definitions/VideoFillMode"},"gridGap":{"$ref":"#/definitions/GridGap"},"pipParticipantAttribute":{"$ref":"#/definitions/AttributeKey","description":"Participant attribute marking the picture-in-picture participant."},"pipBehavior":{"type":"string","enum":["STATIC","DYNAMIC"]},"pipOffset":{"type":"integer","minimum":0},"pipPosition":{"type":"string","enum":["TOP_LEFT","TOP_RIGHT","BOTTOM_LEFT","BOTTOM_RIGHT"]},"pipWidth":{"type":"integer","minimum":1},"pipHeight":{"type":"integer","minimum":1},"participantOrderAttribute":{"$ref":"#/definitions/AttributeKey"}}};
const func42 = Object.prototype.hasOwnProperty;

function validate18(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(func42.call(schema27.properties, key0))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema27,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.featuredParticipantAttribute !== undefined){
let data0 = data.featuredParticipantAttribute;
if(typeof data0 === "string"){
if(func2(data0) > 128){
const err1 = {instancePath:instancePath+"/featuredParticipantAttribute",schemaPath:"#/definitions/AttributeKey/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema23,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(func2(data0) < 0){
const err2 = {instancePath:instancePath+"/featuredParticipantAttribute",schemaPath:"#/definitions/AttributeKey/minLength",keyword:"minLength",params:{limit: 0},message:"must NOT have fewer than 0 characters",schema:0,parentSchema:schema23,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(!pattern7.test(data0)){
const err3 = {instancePath:instancePath+"/featuredParticipantAttribute",schemaPath:"#/definitions/AttributeKey/pattern",keyword:"pattern",params:{pattern: "^[a-zA-Z0-9-_]*$"},message:"must match pattern \""+"^[a-zA-Z0-9-_]*$"+"\"",schema:"^[a-zA-Z0-9-_]*$",parentSchema:schema23,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/featuredParticipantAttribute",schemaPath:"#/definitions/AttributeKey/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema23.type,parentSchema:schema23,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.omitStoppedVideo !== undefined){
let data1 = data.omitStoppedVideo;
if(typeof data1 !== "boolean"){
const err5 = {instancePath:instancePath+"/omitStoppedVideo",schemaPath:"#/properties/omitStoppedVideo/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema27.properties.omitStoppedVideo.type,parentSchema:schema27.properties.omitStoppedVideo,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.videoFillMode !== undefined){
let data2 = data.videoFillMode;
if(typeof data2 !== "string"){
const err6 = {instancePath:instancePath+"/videoFillMode",schemaPath:"#/definitions/VideoFillMode/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema24.type,parentSchema:schema24,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(!(((data2 === "FILL") || (data2 === "COVER")) || (data2 === "CONTAIN"))){
const err7 = {instancePath:instancePath+"/videoFillMode",schemaPath:"#/definitions/VideoFillMode/enum",keyword:"enum",params:{allowedValues: schema24.enum},message:"must be equal to one of the allowed values",schema:schema24.enum,parentSchema:schema24,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.gridGap !== undefined){
let data3 = data.gridGap;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err8 = {instancePath:instancePath+"/gridGap",schemaPath:"#/definitions/GridGap/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema25.type,parentSchema:schema25,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 < 0 || isNaN(data3)){
const err9 = {instancePath:instancePath+"/gridGap",schemaPath:"#/definitions/GridGap/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema25,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
if(data.pipParticipantAttribute !== undefined){
let data4 = data.pipParticipantAttribute;
if(typeof data4 === "string"){
if(func2(data4) > 128){
const err10 = {instancePath:instancePath+"/pipParticipantAttribute",schemaPath:"#/definitions/AttributeKey/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema23,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(func2(data4) < 0){
const err11 = {instancePath:instancePath+"/pipParticipantAttribute",schemaPath:"#/definitions/AttributeKey/minLength",keyword:"minLength",params:{limit: 0},message:"must NOT have fewer than 0 characters",schema:0,parentSchema:schema23,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(!pattern7.test(data4)){
const err12 = {instancePath:instancePath+"/pipParticipantAttribute",schemaPath:"#/definitions/AttributeKey/pattern",keyword:"pattern",params:{pattern: "^[a-zA-Z0-9-_]*$"},message:"must match pattern \""+"^[a-zA-Z0-9-_]*$"+"\"",schema:"^[a-zA-Z0-9-_]*$",parentSchema:schema23,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/pipParticipantAttribute",schemaPath:"#/definitions/AttributeKey/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema23.type,parentSchema:schema23,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.pipBehavior !== undefined){
let data5 = data.pipBehavior;
if(typeof data5 !== "string"){
const err14 = {instancePath:instancePath+"/pipBehavior",schemaPath:"#/properties/pipBehavior/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.properties.pipBehavior.type,parentSchema:schema27.properties.pipBehavior,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(!((data5 === "STATIC") || (data5 === "DYNAMIC"))){
const err15 = {instancePath:instancePath+"/pipBehavior",schemaPath:"#/properties/pipBehavior/enum",keyword:"enum",params:{allowedValues: schema27.properties.pipBehavior.enum},message:"must be equal to one of the allowed values",schema:schema27.properties.pipBehavior.enum,parentSchema:schema27.properties.pipBehavior,data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.pipOffset !== undefined){
let data6 = data.pipOffset;
if(!(((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6))) && (isFinite(data6)))){
const err16 = {instancePath:instancePath+"/pipOffset",schemaPath:"#/properties/pipOffset/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema27.properties.pipOffset.type,parentSchema:schema27.properties.pipOffset,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if((typeof data6 == "number") && (isFinite(data6))){
if(data6 < 0 || isNaN(data6)){
const err17 = {instancePath:instancePath+"/pipOffset",schemaPath:"#/properties/pipOffset/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema27.properties.pipOffset,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
if(data.pipPosition !== undefined){
let data7 = data.pipPosition;
if(typeof data7 !== "string"){
const err18 = {instancePath:instancePath+"/pipPosition",schemaPath:"#/properties/pipPosition/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.properties.pipPosition.type,parentSchema:schema27.properties.pipPosition,data:data7};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(!((((data7 === "TOP_LEFT") || (data7 === "TOP_RIGHT")) || (data7 === "BOTTOM_LEFT")) || (data7 === "BOTTOM_RIGHT"))){
const err19 = {instancePath:instancePath+"/pipPosition",schemaPath:"#/properties/pipPosition/enum",keyword:"enum",params:{allowedValues: schema27.properties.pipPosition.enum},message:"must be equal to one of the allowed values",schema:schema27.properties.pipPosition.enum,parentSchema:schema27.properties.pipPosition,data:data7};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.pipWidth !== undefined){
let data8 = data.pipWidth;
if(!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))){
const err20 = {instancePath:instancePath+"/pipWidth",schemaPath:"#/properties/pipWidth/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema27.properties.pipWidth.type,parentSchema:schema27.properties.pipWidth,data:data8};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 < 1 || isNaN(data8)){
const err21 = {instancePath:instancePath+"/pipWidth",schemaPath:"#/properties/pipWidth/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema27.properties.pipWidth,data:data8};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
if(data.pipHeight !== undefined){
let data9 = data.pipHeight;
if(!(((typeof data9 == "number") && (!(data9 % 1) && !isNaN(data9))) && (isFinite(data9)))){
const err22 = {instancePath:instancePath+"/pipHeight",schemaPath:"#/properties/pipHeight/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema27.properties.pipHeight.type,parentSchema:schema27.properties.pipHeight,data:data9};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if((typeof data9 == "number") && (isFinite(data9))){
if(data9 < 1 || isNaN(data9)){
const err23 = {instancePath:instancePath+"/pipHeight",schemaPath:"#/properties/pipHeight/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema27.properties.pipHeight,data:data9};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
if(data.participantOrderAttribute !== undefined){
let data10 = data.participantOrderAttribute;
if(typeof data10 === "string"){
if(func2(data10) > 128){
const err24 = {instancePath:instancePath+"/participantOrderAttribute",schemaPath:"#/definitions/AttributeKey/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema23,data:data10};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if(func2(data10) < 0){
const err25 = {instancePath:instancePath+"/participantOrderAttribute",schemaPath:"#/definitions/AttributeKey/minLength",keyword:"minLength",params:{limit: 0},message:"must NOT have fewer than 0 characters",schema:0,parentSchema:schema23,data:data10};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if(!pattern7.test(data10)){
const err26 = {instancePath:instancePath+"/participantOrderAttribute",schemaPath:"#/definitions/AttributeKey/pattern",keyword:"pattern",params:{pattern: "^[a-zA-Z0-9-_]*$"},message:"must match pattern \""+"^[a-zA-Z0-9-_]*$"+"\"",schema:"^[a-zA-Z0-9-_]*$",parentSchema:schema23,data:data10};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
else {
const err27 = {instancePath:instancePath+"/participantOrderAttribute",schemaPath:"#/definitions/AttributeKey/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema23.type,parentSchema:schema23,data:data10};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
}
else {
const err28 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema27.type,parentSchema:schema27,data};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
validate18.errors = vErrors;
return errors === 0;
}


function validate15(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(Object.keys(data).length > 1){
const err0 = {instancePath,schemaPath:"#/maxProperties",keyword:"maxProperties",params:{limit: 1},message:"must NOT have more than 1 properties",schema:1,parentSchema:schema21,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "grid") || (key0 === "pip"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema21,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.grid !== undefined){
if(!(validate16(data.grid, {instancePath:instancePath+"/grid",parentData:data,parentDataProperty:"grid",rootData}))){
vErrors = vErrors === null ? validate16.errors : vErrors.concat(validate16.errors);
errors = vErrors.length;
}
}
if(data.pip !== undefined){
if(!(validate18(data.pip, {instancePath:instancePath+"/pip",parentData:data,parentDataProperty:"pip",rootData}))){
vErrors = vErrors === null ? validate18.errors : vErrors.concat(validate18.errors);
errors = vErrors.length;
}
}
}
else {
const err2 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema21.type,parentSchema:schema21,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
validate15.errors = vErrors;
return errors === 0;
}

const schema33 = {"title":"DestinationManifest","description":"Exactly one of channel or s3.","type":"object","additionalProperties":false,"properties":{"name":{"type":"string","minLength":0,"maxLength":128,"pattern":"^[a-zA-Z0-9-_]*$"},"channel":{"$ref":"#/definitions/ChannelDestination"},"s3":{"$ref":"#/definitions/S3Destination"}},"if":{"required":["channel"]},"then":{"not":{"required":["s3"]}},"else":{"required":["s3"]}};
const schema34 = {"title":"ChannelDestinationManifest","type":"object","additionalProperties":false,"required":["channelArn"],"properties":{"channelArn":{"$ref":"#/definitions/ChannelArn"},"encoderConfigurationArn":{"$ref":"#/definitions/EncoderConfigurationArn"}}};
const schema35 = {"type":"string","minLength":1,"maxLength":128,"pattern":"^arn:aws:ivs:[a-z0-9-]+:[0-9]+:channel/[a-zA-Z0-9-]+$"};
const schema36 = {"type":"string","minLength":1,"maxLength":128,"pattern":"^arn:aws:ivs:[a-z0-9-]+:[0-9]+:encoder-configuration/[a-zA-Z0-9-]+$"};
const pattern13 = new RegExp("^arn:aws:ivs:[a-z0-9-]+:[0-9]+:channel/[a-zA-Z0-9-]+$", "u");
const pattern14 = new RegExp("^arn:aws:ivs:[a-z0-9-]+:[0-9]+:encoder-configuration/[a-zA-Z0-9-]+$", "u");

function validate22(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.channelArn === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "channelArn"},message:"must have required property '"+"channelArn"+"'",schema:schema34.required,parentSchema:schema34,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "channelArn") || (key0 === "encoderConfigurationArn"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema34,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.channelArn !== undefined){
let data0 = data.channelArn;
if(typeof data0 === "string"){
if(func2(data0) > 128){
const err2 = {instancePath:instancePath+"/channelArn",schemaPath:"#/definitions/ChannelArn/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema35,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(func2(data0) < 1){
const err3 = {instancePath:instancePath+"/channelArn",schemaPath:"#/definitions/ChannelArn/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema35,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(!pattern13.test(data0)){
const err4 = {instancePath:instancePath+"/channelArn",schemaPath:"#/definitions/ChannelArn/pattern",keyword:"pattern",params:{pattern: "^arn:aws:ivs:[a-z0-9-]+:[0-9]+:channel/[a-zA-Z0-9-]+$"},message:"must match pattern \""+"^arn:aws:ivs:[a-z0-9-]+:[0-9]+:channel/[a-zA-Z0-9-]+$"+"\"",schema:"^arn:aws:ivs:[a-z0-9-]+:[0-9]+:channel/[a-zA-Z0-9-]+$",parentSchema:schema35,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/channelArn",schemaPath:"#/definitions/ChannelArn/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.type,parentSchema:schema35,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.encoderConfigurationArn !== undefined){
let data1 = data.encoderConfigurationArn;
if(typeof data1 === "string"){
if(func2(data1) > 128){
const err6 = {instancePath:instancePath+"/encoderConfigurationArn",schemaPath:"#/definitions/EncoderConfigurationArn/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema36,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(func2(data1) < 1){
const err7 = {instancePath:instancePath+"/encoderConfigurationArn",schemaPath:"#/definitions/EncoderConfigurationArn/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema36,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(!pattern14.test(data1)){
const err8 = {instancePath:instancePath+"/encoderConfigurationArn",schemaPath:"#/definitions/EncoderConfigurationArn/pattern",keyword:"pattern",params:{pattern: "^arn:aws:ivs:[a-z0-9-]+:[0-9]+:encoder-configuration/[a-zA-Z0-9-]+$"},message:"must match pattern \""+"^arn:aws:ivs:[a-z0-9-]+:[0-9]+:encoder-configuration/[a-zA-Z0-9-]+$"+"\"",schema:"^arn:aws:ivs:[a-z0-9-]+:[0-9]+:encoder-configuration/[a-zA-Z0-9-]+$",parentSchema:schema36,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/encoderConfigurationArn",schemaPath:"#/definitions/EncoderConfigurationArn/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema36.type,parentSchema:schema36,data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
else {
const err10 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema34.type,parentSchema:schema34,data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
validate22.errors = vErrors;
return errors === 0;
}

const schema37 = {"title":"S3DestinationManifest","type":"object","additionalProperties":false,"required":["storageConfigurationArn","encoderConfigurationArns"],"properties":{"storageConfigurationArn":{"$ref":"#/definitions/StorageConfigurationArn"},"encoderConfigurationArns":{"type":"array","minItems":1,"maxItems":1,"items":{"$ref":"#/definitions/EncoderConfigurationArn"}},"recordingConfiguration":{"title":"RecordingManifest","type":"object","additionalProperties":false,"properties":{"format":{"type":"string","enum":["HLS"]},"hlsConfiguration":{"title":"HlsManifest","type":"object","additionalProperties":false,"properties":{"targetSegmentDurationSeconds":{"type":"integer","minimum":2,"maximum":10}}}}},"thumbnailConfigurations":{"type":"array","minItems":0,"maxItems":1,"items":{"title":"ThumbnailManifest","type":"object","additionalProperties":false,"properties":{"targetIntervalSeconds":{"type":"integer","minimum":1,"maximum":86400},"storage":{"type":"array","minItems":0,"maxItems":2,"uniqueItems":true,"items":{"type":"string","enum":["SEQUENTIAL","LATEST"]}}}}}}};
const schema38 = {"type":"string","minLength":1,"maxLength":128,"pattern":"^arn:aws:ivs:[a-z0-9-]+:[0-9]+:storage-configuration/[a-zA-Z0-9-]+$"};
const pattern15 = new RegExp("^arn:aws:ivs:[a-z0-9-]+:[0-9]+:storage-configuration/[a-zA-Z0-9-]+$", "u");

function validate24(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.storageConfigurationArn === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "storageConfigurationArn"},message:"must have required property '"+"storageConfigurationArn"+"'",schema:schema37.required,parentSchema:schema37,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.encoderConfigurationArns === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "encoderConfigurationArns"},message:"must have required property '"+"encoderConfigurationArns"+"'",schema:schema37.required,parentSchema:schema37,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "storageConfigurationArn") || (key0 === "encoderConfigurationArns")) || (key0 === "recordingConfiguration")) || (key0 === "thumbnailConfigurations"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema37,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.storageConfigurationArn !== undefined){
let data0 = data.storageConfigurationArn;
if(typeof data0 === "string"){
if(func2(data0) > 128){
const err3 = {instancePath:instancePath+"/storageConfigurationArn",schemaPath:"#/definitions/StorageConfigurationArn/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema38,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(func2(data0) < 1){
const err4 = {instancePath:instancePath+"/storageConfigurationArn",schemaPath:"#/definitions/StorageConfigurationArn/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema38,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(!pattern15.test(data0)){
const err5 = {instancePath:instancePath+"/storageConfigurationArn",schemaPath:"#/definitions/StorageConfigurationArn/pattern",keyword:"pattern",params:{pattern: "^arn:aws:ivs:[a-z0-9-]+:[0-9]+:storage-configuration/[a-zA-Z0-9-]+$"},message:"must match pattern \""+"^arn:aws:ivs:[a-z0-9-]+:[0-9]+:storage-configuration/[a-zA-Z0-9-]+$"+"\"",schema:"^arn:aws:ivs:[a-z0-9-]+:[0-9]+:storage-configuration/[a-zA-Z0-9-]+$",parentSchema:schema38,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/storageConfigurationArn",schemaPath:"#/definitions/StorageConfigurationArn/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.type,parentSchema:schema38,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.encoderConfigurationArns !== undefined){
let data1 = data.encoderConfigurationArns;
if(Array.isArray(data1)){
if(data1.length > 1){
const err7 = {instancePath:instancePath+"/encoderConfigurationArns",schemaPath:"#/properties/encoderConfigurationArns/maxItems",keyword:"maxItems",params:{limit: 1},message:"must NOT have more than 1 items",schema:1,parentSchema:schema37.properties.encoderConfigurationArns,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data1.length < 1){
const err8 = {instancePath:instancePath+"/encoderConfigurationArns",schemaPath:"#/properties/encoderConfigurationArns/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema37.properties.encoderConfigurationArns,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
let data2 = data1[i0];
if(typeof data2 === "string"){
if(func2(data2) > 128){
const err9 = {instancePath:instancePath+"/encoderConfigurationArns/" + i0,schemaPath:"#/definitions/EncoderConfigurationArn/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema36,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(func2(data2) < 1){
const err10 = {instancePath:instancePath+"/encoderConfigurationArns/" + i0,schemaPath:"#/definitions/EncoderConfigurationArn/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema36,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(!pattern14.test(data2)){
const err11 = {instancePath:instancePath+"/encoderConfigurationArns/" + i0,schemaPath:"#/definitions/EncoderConfigurationArn/pattern",keyword:"pattern",params:{pattern: "^arn:aws:ivs:[a-z0-9-]+:[0-9]+:encoder-configuration/[a-zA-Z0-9-]+$"},message:"must match pattern \""+"^arn:aws:ivs:[a-z0-9-]+:[0-9]+:encoder-configuration/[a-zA-Z0-9-]+$"+"\"",schema:"^arn:aws:ivs:[a-z0-9-]+:[0-9]+:encoder-configuration/[a-zA-Z0-9-]+$",parentSchema:schema36,data:data2};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/encoderConfigurationArns/" + i0,schemaPath:"#/definitions/EncoderConfigurationArn/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema36.type,parentSchema:schema36,data:data2};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath:instancePath+"/encoderConfigurationArns",schemaPath:"#/properties/encoderConfigurationArns/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema37.properties.encoderConfigurationArns.type,parentSchema:schema37.properties.encoderConfigurationArns,data:data1};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.recordingConfiguration !== undefined){
let data3 = data.recordingConfiguration;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
for(const key1 in data3){
if(!((key1 === "format") || (key1 === "hlsConfiguration"))){
const err14 = {instancePath:instancePath+"/recordingConfiguration",schemaPath:"#/properties/recordingConfiguration/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema37.properties.recordingConfiguration,data:data3};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data3.format !== undefined){
let data4 = data3.format;
if(typeof data4 !== "string"){
const err15 = {instancePath:instancePath+"/recordingConfiguration/format",schemaPath:"#/properties/recordingConfiguration/properties/format/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.properties.recordingConfiguration.properties.format.type,parentSchema:schema37.properties.recordingConfiguration.properties.format,data:data4};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(!(data4 === "HLS")){
const err16 = {instancePath:instancePath+"/recordingConfiguration/format",schemaPath:"#/properties/recordingConfiguration/properties/format/enum",keyword:"enum",params:{allowedValues: schema37.properties.recordingConfiguration.properties.format.enum},message:"must be equal to one of the allowed values",schema:schema37.properties.recordingConfiguration.properties.format.enum,parentSchema:schema37.properties.recordingConfiguration.properties.format,data:data4};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data3.hlsConfiguration !== undefined){
let data5 = data3.hlsConfiguration;
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
for(const key2 in data5){
if(!(key2 === "targetSegmentDurationSeconds")){
const err17 = {instancePath:instancePath+"/recordingConfiguration/hlsConfiguration",schemaPath:"#/properties/recordingConfiguration/properties/hlsConfiguration/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema37.properties.recordingConfiguration.properties.hlsConfiguration,data:data5};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data5.targetSegmentDurationSeconds !== undefined){
let data6 = data5.targetSegmentDurationSeconds;
if(!(((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6))) && (isFinite(data6)))){
const err18 = {instancePath:instancePath+"/recordingConfiguration/hlsConfiguration/targetSegmentDurationSeconds",schemaPath:"#/properties/recordingConfiguration/properties/hlsConfiguration/properties/targetSegmentDurationSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema37.properties.recordingConfiguration.properties.hlsConfiguration.properties.targetSegmentDurationSeconds.type,parentSchema:schema37.properties.recordingConfiguration.properties.hlsConfiguration.properties.targetSegmentDurationSeconds,data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if((typeof data6 == "number") && (isFinite(data6))){
if(data6 > 10 || isNaN(data6)){
const err19 = {instancePath:instancePath+"/recordingConfiguration/hlsConfiguration/targetSegmentDurationSeconds",schemaPath:"#/properties/recordingConfiguration/properties/hlsConfiguration/properties/targetSegmentDurationSeconds/maximum",keyword:"maximum",params:{comparison: "<=", limit: 10},message:"must be <= 10",schema:10,parentSchema:schema37.properties.recordingConfiguration.properties.hlsConfiguration.properties.targetSegmentDurationSeconds,data:data6};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if(data6 < 2 || isNaN(data6)){
const err20 = {instancePath:instancePath+"/recordingConfiguration/hlsConfiguration/targetSegmentDurationSeconds",schemaPath:"#/properties/recordingConfiguration/properties/hlsConfiguration/properties/targetSegmentDurationSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 2},message:"must be >= 2",schema:2,parentSchema:schema37.properties.recordingConfiguration.properties.hlsConfiguration.properties.targetSegmentDurationSeconds,data:data6};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
}
else {
const err21 = {instancePath:instancePath+"/recordingConfiguration/hlsConfiguration",schemaPath:"#/properties/recordingConfiguration/properties/hlsConfiguration/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema37.properties.recordingConfiguration.properties.hlsConfiguration.type,parentSchema:schema37.properties.recordingConfiguration.properties.hlsConfiguration,data:data5};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
else {
const err22 = {instancePath:instancePath+"/recordingConfiguration",schemaPath:"#/properties/recordingConfiguration/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema37.properties.recordingConfiguration.type,parentSchema:schema37.properties.recordingConfiguration,data:data3};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data.thumbnailConfigurations !== undefined){
let data7 = data.thumbnailConfigurations;
if(Array.isArray(data7)){
if(data7.length > 1){
const err23 = {instancePath:instancePath+"/thumbnailConfigurations",schemaPath:"#/properties/thumbnailConfigurations/maxItems",keyword:"maxItems",params:{limit: 1},message:"must NOT have more than 1 items",schema:1,parentSchema:schema37.properties.thumbnailConfigurations,data:data7};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if(data7.length < 0){
const err24 = {instancePath:instancePath+"/thumbnailConfigurations",schemaPath:"#/properties/thumbnailConfigurations/minItems",keyword:"minItems",params:{limit: 0},message:"must NOT have fewer than 0 items",schema:0,parentSchema:schema37.properties.thumbnailConfigurations,data:data7};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
const len1 = data7.length;
for(let i1=0; i1<len1; i1++){
let data8 = data7[i1];
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
for(const key3 in data8){
if(!((key3 === "targetIntervalSeconds") || (key3 === "storage"))){
const err25 = {instancePath:instancePath+"/thumbnailConfigurations/" + i1,schemaPath:"#/properties/thumbnailConfigurations/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema37.properties.thumbnailConfigurations.items,data:data8};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data8.targetIntervalSeconds !== undefined){
let data9 = data8.targetIntervalSeconds;
if(!(((typeof data9 == "number") && (!(data9 % 1) && !isNaN(data9))) && (isFinite(data9)))){
const err26 = {instancePath:instancePath+"/thumbnailConfigurations/" + i1+"/targetIntervalSeconds",schemaPath:"#/properties/thumbnailConfigurations/items/properties/targetIntervalSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema37.properties.thumbnailConfigurations.items.properties.targetIntervalSeconds.type,parentSchema:schema37.properties.thumbnailConfigurations.items.properties.targetIntervalSeconds,data:data9};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if((typeof data9 == "number") && (isFinite(data9))){
if(data9 > 86400 || isNaN(data9)){
const err27 = {instancePath:instancePath+"/thumbnailConfigurations/" + i1+"/targetIntervalSeconds",schemaPath:"#/properties/thumbnailConfigurations/items/properties/targetIntervalSeconds/maximum",keyword:"maximum",params:{comparison: "<=", limit: 86400},message:"must be <= 86400",schema:86400,parentSchema:schema37.properties.thumbnailConfigurations.items.properties.targetIntervalSeconds,data:data9};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
if(data9 < 1 || isNaN(data9)){
const err28 = {instancePath:instancePath+"/thumbnailConfigurations/" + i1+"/targetIntervalSeconds",schemaPath:"#/properties/thumbnailConfigurations/items/properties/targetIntervalSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema37.properties.thumbnailConfigurations.items.properties.targetIntervalSeconds,data:data9};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
}
if(data8.storage !== undefined){
let data10 = data8.storage;
if(Array.isArray(data10)){
if(data10.length > 2){
const err29 = {instancePath:instancePath+"/thumbnailConfigurations/" + i1+"/storage",schemaPath:"#/properties/thumbnailConfigurations/items/properties/storage/maxItems",keyword:"maxItems",params:{limit: 2},message:"must NOT have more than 2 items",schema:2,parentSchema:schema37.properties.thumbnailConfigurations.items.properties.storage,data:data10};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
if(data10.length < 0){
const err30 = {instancePath:instancePath+"/thumbnailConfigurations/" + i1+"/storage",schemaPath:"#/properties/thumbnailConfigurations/items/properties/storage/minItems",keyword:"minItems",params:{limit: 0},message:"must NOT have fewer than 0 items",schema:0,parentSchema:schema37.properties.thumbnailConfigurations.items.properties.storage,data:data10};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
const len2 = data10.length;
for(let i2=0; i2<len2; i2++){
let data11 = data10[i2];
if(typeof data11 !== "string"){
const err31 = {instancePath:instancePath+"/thumbnailConfigurations/" + i1+"/storage/" + i2,schemaPath:"#/properties/thumbnailConfigurations/items/properties/storage/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.properties.thumbnailConfigurations.items.properties.storage.items.type,parentSchema:schema37.properties.thumbnailConfigurations.items.properties.storage.items,data:data11};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if(!((data11 === "SEQUENTIAL") || (data11 === "LATEST"))){
const err32 = {instancePath:instancePath+"/thumbnailConfigurations/" + i1+"/storage/" + i2,schemaPath:"#/properties/thumbnailConfigurations/items/properties/storage/items/enum",keyword:"enum",params:{allowedValues: schema37.properties.thumbnailConfigurations.items.properties.storage.items.enum},message:"must be equal to one of the allowed values",schema:schema37.properties.thumbnailConfigurations.items.properties.storage.items.enum,parentSchema:schema37.properties.thumbnailConfigurations.items.properties.storage.items,data:data11};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
let i3 = data10.length;
let j0;
if(i3 > 1){
const indices0 = {};
for(;i3--;){
let item0 = data10[i3];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err33 = {instancePath:instancePath+"/thumbnailConfigurations/" + i1+"/storage",schemaPath:"#/properties/thumbnailConfigurations/items/properties/storage/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i3+" are identical)",schema:true,parentSchema:schema37.properties.thumbnailConfigurations.items.properties.storage,data:data10};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
break;
}
indices0[item0] = i3;
}
}
}
else {
const err34 = {instancePath:instancePath+"/thumbnailConfigurations/" + i1+"/storage",schemaPath:"#/properties/thumbnailConfigurations/items/properties/storage/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema37.properties.thumbnailConfigurations.items.properties.storage.type,parentSchema:schema37.properties.thumbnailConfigurations.items.properties.storage,data:data10};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
}
else {
const err35 = {instancePath:instancePath+"/thumbnailConfigurations/" + i1,schemaPath:"#/properties/thumbnailConfigurations/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema37.properties.thumbnailConfigurations.items.type,parentSchema:schema37.properties.thumbnailConfigurations.items,data:data8};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
}
else {
const err36 = {instancePath:instancePath+"/thumbnailConfigurations",schemaPath:"#/properties/thumbnailConfigurations/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema37.properties.thumbnailConfigurations.type,parentSchema:schema37.properties.thumbnailConfigurations,data:data7};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
}
else {
const err37 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema37.type,parentSchema:schema37,data};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
validate24.errors = vErrors;
return errors === 0;
}


function validate21(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
const _errs1 = errors;
let valid0 = true;
const _errs2 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.channel === undefined) && (missing0 = "channel")){
const err0 = {};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
var _valid0 = _errs2 === errors;
errors = _errs1;
if(vErrors !== null){
if(_errs1){
vErrors.length = _errs1;
}
else {
vErrors = null;
}
}
let ifClause0;
if(_valid0){
const _errs3 = errors;
const _errs4 = errors;
const _errs5 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing1;
if((data.s3 === undefined) && (missing1 = "s3")){
const err1 = {};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
var valid1 = _errs5 === errors;
if(valid1){
const err2 = {instancePath,schemaPath:"#/then/not",keyword:"not",params:{},message:"must NOT be valid",schema:schema33.then.not,parentSchema:schema33.then,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
else {
errors = _errs4;
if(vErrors !== null){
if(_errs4){
vErrors.length = _errs4;
}
else {
vErrors = null;
}
}
}
var _valid0 = _errs3 === errors;
valid0 = _valid0;
ifClause0 = "then";
}
else {
const _errs6 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.s3 === undefined){
const err3 = {instancePath,schemaPath:"#/else/required",keyword:"required",params:{missingProperty: "s3"},message:"must have required property '"+"s3"+"'",schema:schema33.else.required,parentSchema:schema33.else,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
var _valid0 = _errs6 === errors;
valid0 = _valid0;
ifClause0 = "else";
}
if(!valid0){
const err4 = {instancePath,schemaPath:"#/if",keyword:"if",params:{failingKeyword: ifClause0},message:"must match \""+ifClause0+"\" schema",schema:schema33.if,parentSchema:schema33,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(((key0 === "name") || (key0 === "channel")) || (key0 === "s3"))){
const err5 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema33,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func2(data0) > 128){
const err6 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema33.properties.name,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(func2(data0) < 0){
const err7 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/minLength",keyword:"minLength",params:{limit: 0},message:"must NOT have fewer than 0 characters",schema:0,parentSchema:schema33.properties.name,data:data0};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(!pattern7.test(data0)){
const err8 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/pattern",keyword:"pattern",params:{pattern: "^[a-zA-Z0-9-_]*$"},message:"must match pattern \""+"^[a-zA-Z0-9-_]*$"+"\"",schema:"^[a-zA-Z0-9-_]*$",parentSchema:schema33.properties.name,data:data0};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.properties.name.type,parentSchema:schema33.properties.name,data:data0};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.channel !== undefined){
if(!(validate22(data.channel, {instancePath:instancePath+"/channel",parentData:data,parentDataProperty:"channel",rootData}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
if(data.s3 !== undefined){
if(!(validate24(data.s3, {instancePath:instancePath+"/s3",parentData:data,parentDataProperty:"s3",rootData}))){
vErrors = vErrors === null ? validate24.errors : vErrors.concat(validate24.errors);
errors = vErrors.length;
}
}
}
else {
const err10 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema33.type,parentSchema:schema33,data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
validate21.errors = vErrors;
return errors === 0;
}


function validate14(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema19.required,parentSchema:schema19,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.destinations === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "destinations"},message:"must have required property '"+"destinations"+"'",schema:schema19.required,parentSchema:schema19,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((((key0 === "name") || (key0 === "layout")) || (key0 === "destinations")) || (key0 === "tags")) || (key0 === "schedule"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema19,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func2(data0) > 63){
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/ResourceName/maxLength",keyword:"maxLength",params:{limit: 63},message:"must NOT have more than 63 characters",schema:63,parentSchema:schema13,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(func2(data0) < 1){
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/ResourceName/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema13,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(!pattern0.test(data0)){
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/ResourceName/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9][a-z0-9-]{0,62}$"},message:"must match pattern \""+"^[a-z0-9][a-z0-9-]{0,62}$"+"\"",schema:"^[a-z0-9][a-z0-9-]{0,62}$",parentSchema:schema13,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/ResourceName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.type,parentSchema:schema13,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.layout !== undefined){
if(!(validate15(data.layout, {instancePath:instancePath+"/layout",parentData:data,parentDataProperty:"layout",rootData}))){
vErrors = vErrors === null ? validate15.errors : vErrors.concat(validate15.errors);
errors = vErrors.length;
}
}
if(data.destinations !== undefined){
let data2 = data.destinations;
if(Array.isArray(data2)){
if(data2.length > 2){
const err7 = {instancePath:instancePath+"/destinations",schemaPath:"#/properties/destinations/maxItems",keyword:"maxItems",params:{limit: 2},message:"must NOT have more than 2 items",schema:2,parentSchema:schema19.properties.destinations,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data2.length < 1){
const err8 = {instancePath:instancePath+"/destinations",schemaPath:"#/properties/destinations/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema19.properties.destinations,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
if(!(validate21(data2[i0], {instancePath:instancePath+"/destinations/" + i0,parentData:data2,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
let i1 = data2.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data2[i1], data2[j0])){
const err9 = {instancePath:instancePath+"/destinations",schemaPath:"#/properties/destinations/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema19.properties.destinations,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err10 = {instancePath:instancePath+"/destinations",schemaPath:"#/properties/destinations/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema19.properties.destinations.type,parentSchema:schema19.properties.destinations,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.tags !== undefined){
let data4 = data.tags;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(Object.keys(data4).length > 50){
const err11 = {instancePath:instancePath+"/tags",schemaPath:"#/definitions/Tags/maxProperties",keyword:"maxProperties",params:{limit: 50},message:"must NOT have more than 50 properties",schema:50,parentSchema:schema40,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
for(const key1 in data4){
const _errs12 = errors;
if(typeof key1 === "string"){
if(func2(key1) > 128){
const err12 = {instancePath:instancePath+"/tags",schemaPath:"#/definitions/Tags/propertyNames/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema40.propertyNames,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(func2(key1) < 1){
const err13 = {instancePath:instancePath+"/tags",schemaPath:"#/definitions/Tags/propertyNames/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema40.propertyNames,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(!pattern2.test(key1)){
const err14 = {instancePath:instancePath+"/tags",schemaPath:"#/definitions/Tags/propertyNames/pattern",keyword:"pattern",params:{pattern: "^(?![aA][wW][sS]:)[\\p{L}\\p{Z}\\p{N}_.:/=+@-]+$"},message:"must match pattern \""+"^(?![aA][wW][sS]:)[\\p{L}\\p{Z}\\p{N}_.:/=+@-]+$"+"\"",schema:"^(?![aA][wW][sS]:)[\\p{L}\\p{Z}\\p{N}_.:/=+@-]+$",parentSchema:schema40.propertyNames,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/tags",schemaPath:"#/definitions/Tags/propertyNames/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema40.propertyNames.type,parentSchema:schema40.propertyNames,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
var valid6 = _errs12 === errors;
if(!valid6){
const err16 = {instancePath:instancePath+"/tags",schemaPath:"#/definitions/Tags/propertyNames",keyword:"propertyNames",params:{propertyName: key1},message:"property name must be valid",schema:schema40.propertyNames,parentSchema:schema40,data:data4};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
for(const key2 in data4){
let data5 = data4[key2];
if(typeof data5 === "string"){
if(func2(data5) > 256){
const err17 = {instancePath:instancePath+"/tags/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/Tags/additionalProperties/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema40.additionalProperties,data:data5};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(func2(data5) < 0){
const err18 = {instancePath:instancePath+"/tags/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/Tags/additionalProperties/minLength",keyword:"minLength",params:{limit: 0},message:"must NOT have fewer than 0 characters",schema:0,parentSchema:schema40.additionalProperties,data:data5};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(!pattern3.test(data5)){
const err19 = {instancePath:instancePath+"/tags/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/Tags/additionalProperties/pattern",keyword:"pattern",params:{pattern: "^(?![aA][wW][sS]:)[\\p{L}\\p{Z}\\p{N}_.:/=+@-]*$"},message:"must match pattern \""+"^(?![aA][wW][sS]:)[\\p{L}\\p{Z}\\p{N}_.:/=+@-]*$"+"\"",schema:"^(?![aA][wW][sS]:)[\\p{L}\\p{Z}\\p{N}_.:/=+@-]*$",parentSchema:schema40.additionalProperties,data:data5};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
else {
const err20 = {instancePath:instancePath+"/tags/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/Tags/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema40.additionalProperties.type,parentSchema:schema40.additionalProperties,data:data5};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
else {
const err21 = {instancePath:instancePath+"/tags",schemaPath:"#/definitions/Tags/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema40.type,parentSchema:schema40,data:data4};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.schedule !== undefined){
if(!(validate12(data.schedule, {instancePath:instancePath+"/schedule",parentData:data,parentDataProperty:"schedule",rootData}))){
vErrors = vErrors === null ? validate12.errors : vErrors.concat(validate12.errors);
errors = vErrors.length;
}
}
}
else {
const err22 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema19.type,parentSchema:schema19,data};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
validate14.errors = vErrors;
return errors === 0;
}


function validate11(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://stageform.dev/schema/stage-compositions.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.apiVersion === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "apiVersion"},message:"must have required property '"+"apiVersion"+"'",schema:schema12.required,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.kind === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema12.required,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.metadata === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "metadata"},message:"must have required property '"+"metadata"+"'",schema:schema12.required,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.spec === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "spec"},message:"must have required property '"+"spec"+"'",schema:schema12.required,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "apiVersion") || (key0 === "kind")) || (key0 === "metadata")) || (key0 === "spec"))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.apiVersion !== undefined){
let data0 = data.apiVersion;
if(typeof data0 !== "string"){
const err5 = {instancePath:instancePath+"/apiVersion",schemaPath:"#/properties/apiVersion/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.apiVersion.type,parentSchema:schema12.properties.apiVersion,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if("stageform/v1" !== data0){
const err6 = {instancePath:instancePath+"/apiVersion",schemaPath:"#/properties/apiVersion/const",keyword:"const",params:{allowedValue: "stageform/v1"},message:"must be equal to constant",schema:"stageform/v1",parentSchema:schema12.properties.apiVersion,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.kind !== undefined){
let data1 = data.kind;
if(typeof data1 !== "string"){
const err7 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.kind.type,parentSchema:schema12.properties.kind,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if("StageCompositions" !== data1){
const err8 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "StageCompositions"},message:"must be equal to constant",schema:"StageCompositions",parentSchema:schema12.properties.kind,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.metadata !== undefined){
let data2 = data.metadata;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
if(data2.name === undefined){
const err9 = {instancePath:instancePath+"/metadata",schemaPath:"#/properties/metadata/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema12.properties.metadata.required,parentSchema:schema12.properties.metadata,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
for(const key1 in data2){
if(!(key1 === "name")){
const err10 = {instancePath:instancePath+"/metadata",schemaPath:"#/properties/metadata/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema12.properties.metadata,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data2.name !== undefined){
let data3 = data2.name;
if(typeof data3 === "string"){
if(func2(data3) > 63){
const err11 = {instancePath:instancePath+"/metadata/name",schemaPath:"#/definitions/ResourceName/maxLength",keyword:"maxLength",params:{limit: 63},message:"must NOT have more than 63 characters",schema:63,parentSchema:schema13,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(func2(data3) < 1){
const err12 = {instancePath:instancePath+"/metadata/name",schemaPath:"#/definitions/ResourceName/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema13,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(!pattern0.test(data3)){
const err13 = {instancePath:instancePath+"/metadata/name",schemaPath:"#/definitions/ResourceName/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9][a-z0-9-]{0,62}$"},message:"must match pattern \""+"^[a-z0-9][a-z0-9-]{0,62}$"+"\"",schema:"^[a-z0-9][a-z0-9-]{0,62}$",parentSchema:schema13,data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/metadata/name",schemaPath:"#/definitions/ResourceName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.type,parentSchema:schema13,data:data3};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath:instancePath+"/metadata",schemaPath:"#/properties/metadata/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.properties.metadata.type,parentSchema:schema12.properties.metadata,data:data2};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.spec !== undefined){
let data4 = data.spec;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.stageArn === undefined){
const err16 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/required",keyword:"required",params:{missingProperty: "stageArn"},message:"must have required property '"+"stageArn"+"'",schema:schema12.properties.spec.required,parentSchema:schema12.properties.spec,data:data4};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(data4.compositions === undefined){
const err17 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/required",keyword:"required",params:{missingProperty: "compositions"},message:"must have required property '"+"compositions"+"'",schema:schema12.properties.spec.required,parentSchema:schema12.properties.spec,data:data4};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
for(const key2 in data4){
if(!((((key2 === "stageArn") || (key2 === "whenIdle")) || (key2 === "schedule")) || (key2 === "compositions"))){
const err18 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema12.properties.spec,data:data4};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data4.stageArn !== undefined){
let data5 = data4.stageArn;
if(typeof data5 === "string"){
if(func2(data5) > 128){
const err19 = {instancePath:instancePath+"/spec/stageArn",schemaPath:"#/definitions/StageArn/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema14,data:data5};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if(func2(data5) < 1){
const err20 = {instancePath:instancePath+"/spec/stageArn",schemaPath:"#/definitions/StageArn/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema14,data:data5};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(!pattern5.test(data5)){
const err21 = {instancePath:instancePath+"/spec/stageArn",schemaPath:"#/definitions/StageArn/pattern",keyword:"pattern",params:{pattern: "^arn:aws:ivs:[a-z0-9-]+:[0-9]+:stage/[a-zA-Z0-9-]+$"},message:"must match pattern \""+"^arn:aws:ivs:[a-z0-9-]+:[0-9]+:stage/[a-zA-Z0-9-]+$"+"\"",schema:"^arn:aws:ivs:[a-z0-9-]+:[0-9]+:stage/[a-zA-Z0-9-]+$",parentSchema:schema14,data:data5};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/spec/stageArn",schemaPath:"#/definitions/StageArn/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.type,parentSchema:schema14,data:data5};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data4.whenIdle !== undefined){
let data6 = data4.whenIdle;
if(typeof data6 !== "string"){
const err23 = {instancePath:instancePath+"/spec/whenIdle",schemaPath:"#/definitions/WhenIdle/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.type,parentSchema:schema15,data:data6};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if(!((data6 === "start") || (data6 === "skip"))){
const err24 = {instancePath:instancePath+"/spec/whenIdle",schemaPath:"#/definitions/WhenIdle/enum",keyword:"enum",params:{allowedValues: schema15.enum},message:"must be equal to one of the allowed values",schema:schema15.enum,parentSchema:schema15,data:data6};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data4.schedule !== undefined){
if(!(validate12(data4.schedule, {instancePath:instancePath+"/spec/schedule",parentData:data4,parentDataProperty:"schedule",rootData}))){
vErrors = vErrors === null ? validate12.errors : vErrors.concat(validate12.errors);
errors = vErrors.length;
}
}
if(data4.compositions !== undefined){
let data8 = data4.compositions;
if(Array.isArray(data8)){
const len0 = data8.length;
for(let i0=0; i0<len0; i0++){
if(!(validate14(data8[i0], {instancePath:instancePath+"/spec/compositions/" + i0,parentData:data8,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate14.errors : vErrors.concat(validate14.errors);
errors = vErrors.length;
}
}
}
else {
const err25 = {instancePath:instancePath+"/spec/compositions",schemaPath:"#/properties/spec/properties/compositions/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.spec.properties.compositions.type,parentSchema:schema12.properties.spec.properties.compositions,data:data8};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
}
else {
const err26 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.properties.spec.type,parentSchema:schema12.properties.spec,data:data4};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
}
else {
const err27 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.type,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
validate11.errors = vErrors;
return errors === 0;
}

