/**
 * GENERATED FILE — DO NOT EDIT.
 * Source: spec/openapi.yaml. Regenerate with `pnpm generate`; CI fails when this file and the
 * spec disagree.
 */
// Ajv 8.20.0 standalone code, JSON Schema 2020-12, allErrors.
export const validateSyncPayScoreOrder = validate20;
const schema33 = {"type":"object","additionalProperties":false,"required":["fenOrderId","mid","serviceId","type"],"properties":{"fenOrderId":{"type":"string","minLength":1,"maxLength":32,"pattern":"^[A-Za-z0-9_|*-]+$"},"mid":{"type":"string","minLength":1,"maxLength":32},"serviceId":{"type":"string","minLength":1,"maxLength":32},"type":{"type":"string","maxLength":32,"enum":["Order_Paid"]},"detail":{"$ref":"tianman:components#/$defs/SyncPayScoreOrderDetail"}},"if":{"required":["type"],"properties":{"type":{"const":"Order_Paid"}}},"then":{"required":["detail"]}};
import { ucs2length as func1 } from "../ajv-runtime.js";
const pattern4 = new RegExp("^[A-Za-z0-9_|*-]+$", "u");
const pattern5 = new RegExp("^[0-9]{4}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])(([01][0-9]|2[0-3])[0-5][0-9][0-5][0-9])?$", "u");

function validate22(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate22.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
const _errs1 = errors;
let valid0 = true;
const _errs2 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.type === undefined) && (missing0 = "type")){
const err0 = {};
(vErrors ??= []).push(err0);
errors++;
}
else {
if(data.type !== undefined){
if("Order_Paid" !== data.type){
const err1 = {};
(vErrors ??= []).push(err1);
errors++;
}
}
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
if(_valid0){
const _errs4 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.detail === undefined){
const err2 = {instancePath,keyword:"required",params:{missingProperty: "detail"}};
(vErrors ??= []).push(err2);
errors++;
}
}
var _valid0 = _errs4 === errors;
valid0 = _valid0;
}
if(!valid0){
const err3 = {instancePath,keyword:"if",params:{failingKeyword: "then"}};
(vErrors ??= []).push(err3);
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.fenOrderId === undefined){
const err4 = {instancePath,keyword:"required",params:{missingProperty: "fenOrderId"}};
(vErrors ??= []).push(err4);
errors++;
}
if(data.mid === undefined){
const err5 = {instancePath,keyword:"required",params:{missingProperty: "mid"}};
(vErrors ??= []).push(err5);
errors++;
}
if(data.serviceId === undefined){
const err6 = {instancePath,keyword:"required",params:{missingProperty: "serviceId"}};
(vErrors ??= []).push(err6);
errors++;
}
if(data.type === undefined){
const err7 = {instancePath,keyword:"required",params:{missingProperty: "type"}};
(vErrors ??= []).push(err7);
errors++;
}
for(const key0 in data){
if(!(((((key0 === "fenOrderId") || (key0 === "mid")) || (key0 === "serviceId")) || (key0 === "type")) || (key0 === "detail"))){
const err8 = {instancePath,keyword:"additionalProperties",params:{additionalProperty: key0}};
(vErrors ??= []).push(err8);
errors++;
}
}
if(data.fenOrderId !== undefined){
let data1 = data.fenOrderId;
if(typeof data1 === "string"){
if((data1.length > 64 || func1(data1) > 32)){
const err9 = {instancePath:instancePath+"/fenOrderId",keyword:"maxLength",params:{limit: 32}};
(vErrors ??= []).push(err9);
errors++;
}
if((data1.length < 2 && func1(data1) < 1)){
const err10 = {instancePath:instancePath+"/fenOrderId",keyword:"minLength",params:{limit: 1}};
(vErrors ??= []).push(err10);
errors++;
}
if(!pattern4.test(data1)){
const err11 = {instancePath:instancePath+"/fenOrderId",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_|*-]+$"}};
(vErrors ??= []).push(err11);
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/fenOrderId",keyword:"type",params:{type: "string"}};
(vErrors ??= []).push(err12);
errors++;
}
}
if(data.mid !== undefined){
let data2 = data.mid;
if(typeof data2 === "string"){
if((data2.length > 64 || func1(data2) > 32)){
const err13 = {instancePath:instancePath+"/mid",keyword:"maxLength",params:{limit: 32}};
(vErrors ??= []).push(err13);
errors++;
}
if((data2.length < 2 && func1(data2) < 1)){
const err14 = {instancePath:instancePath+"/mid",keyword:"minLength",params:{limit: 1}};
(vErrors ??= []).push(err14);
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/mid",keyword:"type",params:{type: "string"}};
(vErrors ??= []).push(err15);
errors++;
}
}
if(data.serviceId !== undefined){
let data3 = data.serviceId;
if(typeof data3 === "string"){
if((data3.length > 64 || func1(data3) > 32)){
const err16 = {instancePath:instancePath+"/serviceId",keyword:"maxLength",params:{limit: 32}};
(vErrors ??= []).push(err16);
errors++;
}
if((data3.length < 2 && func1(data3) < 1)){
const err17 = {instancePath:instancePath+"/serviceId",keyword:"minLength",params:{limit: 1}};
(vErrors ??= []).push(err17);
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/serviceId",keyword:"type",params:{type: "string"}};
(vErrors ??= []).push(err18);
errors++;
}
}
if(data.type !== undefined){
let data4 = data.type;
if(!(data4 === "Order_Paid")){
const err19 = {instancePath:instancePath+"/type",keyword:"enum",params:{allowedValues: schema33.properties.type.enum}};
(vErrors ??= []).push(err19);
errors++;
}
if(typeof data4 === "string"){
if((data4.length > 64 || func1(data4) > 32)){
const err20 = {instancePath:instancePath+"/type",keyword:"maxLength",params:{limit: 32}};
(vErrors ??= []).push(err20);
errors++;
}
}
else {
const err21 = {instancePath:instancePath+"/type",keyword:"type",params:{type: "string"}};
(vErrors ??= []).push(err21);
errors++;
}
}
if(data.detail !== undefined){
let data5 = data.detail;
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(data5.paidTime === undefined){
const err22 = {instancePath:instancePath+"/detail",keyword:"required",params:{missingProperty: "paidTime"}};
(vErrors ??= []).push(err22);
errors++;
}
for(const key1 in data5){
if(!(key1 === "paidTime")){
const err23 = {instancePath:instancePath+"/detail",keyword:"additionalProperties",params:{additionalProperty: key1}};
(vErrors ??= []).push(err23);
errors++;
}
}
if(data5.paidTime !== undefined){
let data6 = data5.paidTime;
if(typeof data6 === "string"){
if((data6.length > 128 || func1(data6) > 64)){
const err24 = {instancePath:instancePath+"/detail/paidTime",keyword:"maxLength",params:{limit: 64}};
(vErrors ??= []).push(err24);
errors++;
}
if(!pattern5.test(data6)){
const err25 = {instancePath:instancePath+"/detail/paidTime",keyword:"pattern",params:{pattern: "^[0-9]{4}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])(([01][0-9]|2[0-3])[0-5][0-9][0-5][0-9])?$"}};
(vErrors ??= []).push(err25);
errors++;
}
}
else {
const err26 = {instancePath:instancePath+"/detail/paidTime",keyword:"type",params:{type: "string"}};
(vErrors ??= []).push(err26);
errors++;
}
}
}
else {
const err27 = {instancePath:instancePath+"/detail",keyword:"type",params:{type: "object"}};
(vErrors ??= []).push(err27);
errors++;
}
}
}
else {
const err28 = {instancePath,keyword:"type",params:{type: "object"}};
(vErrors ??= []).push(err28);
errors++;
}
validate22.errors = vErrors;
return errors === 0;
}
validate22.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="tianman:syncPayScoreOrder" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate20.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(!(validate22(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
validate20.errors = vErrors;
return errors === 0;
}
validate20.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

export const validateGetAccessToken = validate24;
const schema36 = {"type":"object","additionalProperties":false,"required":["appId","timestamp","nonce","signMethod","signature"],"properties":{"appId":{"type":"string","minLength":1,"maxLength":64},"timestamp":{"type":"string","pattern":"^[0-9]{14}$"},"nonce":{"type":"string","minLength":1,"maxLength":128},"signMethod":{"type":"string","enum":["SHA256"]},"signature":{"type":"string","pattern":"^[0-9a-f]{64}$"}}};
const pattern6 = new RegExp("^[0-9]{14}$", "u");
const pattern7 = new RegExp("^[0-9a-f]{64}$", "u");

function validate24(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="tianman:getAccessToken" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate24.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.appId === undefined){
const err0 = {instancePath,keyword:"required",params:{missingProperty: "appId"}};
(vErrors ??= []).push(err0);
errors++;
}
if(data.timestamp === undefined){
const err1 = {instancePath,keyword:"required",params:{missingProperty: "timestamp"}};
(vErrors ??= []).push(err1);
errors++;
}
if(data.nonce === undefined){
const err2 = {instancePath,keyword:"required",params:{missingProperty: "nonce"}};
(vErrors ??= []).push(err2);
errors++;
}
if(data.signMethod === undefined){
const err3 = {instancePath,keyword:"required",params:{missingProperty: "signMethod"}};
(vErrors ??= []).push(err3);
errors++;
}
if(data.signature === undefined){
const err4 = {instancePath,keyword:"required",params:{missingProperty: "signature"}};
(vErrors ??= []).push(err4);
errors++;
}
for(const key0 in data){
if(!(((((key0 === "appId") || (key0 === "timestamp")) || (key0 === "nonce")) || (key0 === "signMethod")) || (key0 === "signature"))){
const err5 = {instancePath,keyword:"additionalProperties",params:{additionalProperty: key0}};
(vErrors ??= []).push(err5);
errors++;
}
}
if(data.appId !== undefined){
let data0 = data.appId;
if(typeof data0 === "string"){
if((data0.length > 128 || func1(data0) > 64)){
const err6 = {instancePath:instancePath+"/appId",keyword:"maxLength",params:{limit: 64}};
(vErrors ??= []).push(err6);
errors++;
}
if((data0.length < 2 && func1(data0) < 1)){
const err7 = {instancePath:instancePath+"/appId",keyword:"minLength",params:{limit: 1}};
(vErrors ??= []).push(err7);
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/appId",keyword:"type",params:{type: "string"}};
(vErrors ??= []).push(err8);
errors++;
}
}
if(data.timestamp !== undefined){
let data1 = data.timestamp;
if(typeof data1 === "string"){
if(!pattern6.test(data1)){
const err9 = {instancePath:instancePath+"/timestamp",keyword:"pattern",params:{pattern: "^[0-9]{14}$"}};
(vErrors ??= []).push(err9);
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/timestamp",keyword:"type",params:{type: "string"}};
(vErrors ??= []).push(err10);
errors++;
}
}
if(data.nonce !== undefined){
let data2 = data.nonce;
if(typeof data2 === "string"){
if((data2.length > 256 || func1(data2) > 128)){
const err11 = {instancePath:instancePath+"/nonce",keyword:"maxLength",params:{limit: 128}};
(vErrors ??= []).push(err11);
errors++;
}
if((data2.length < 2 && func1(data2) < 1)){
const err12 = {instancePath:instancePath+"/nonce",keyword:"minLength",params:{limit: 1}};
(vErrors ??= []).push(err12);
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/nonce",keyword:"type",params:{type: "string"}};
(vErrors ??= []).push(err13);
errors++;
}
}
if(data.signMethod !== undefined){
let data3 = data.signMethod;
if(typeof data3 !== "string"){
const err14 = {instancePath:instancePath+"/signMethod",keyword:"type",params:{type: "string"}};
(vErrors ??= []).push(err14);
errors++;
}
if(!(data3 === "SHA256")){
const err15 = {instancePath:instancePath+"/signMethod",keyword:"enum",params:{allowedValues: schema36.properties.signMethod.enum}};
(vErrors ??= []).push(err15);
errors++;
}
}
if(data.signature !== undefined){
let data4 = data.signature;
if(typeof data4 === "string"){
if(!pattern7.test(data4)){
const err16 = {instancePath:instancePath+"/signature",keyword:"pattern",params:{pattern: "^[0-9a-f]{64}$"}};
(vErrors ??= []).push(err16);
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/signature",keyword:"type",params:{type: "string"}};
(vErrors ??= []).push(err17);
errors++;
}
}
}
else {
const err18 = {instancePath,keyword:"type",params:{type: "object"}};
(vErrors ??= []).push(err18);
errors++;
}
validate24.errors = vErrors;
return errors === 0;
}
validate24.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};
