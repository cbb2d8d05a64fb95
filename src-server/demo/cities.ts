import type { Weighted } from './catalog';

export interface City {
  name: string;
  province: string;
  /** Long-distance area code without the trunk 0. */
  areaCode: string;
  districts: readonly string[];
}

export const CITIES: Weighted<City> = [
  {
    weight: 14,
    value: {
      name: '北京市',
      province: '',
      areaCode: '10',
      districts: ['朝阳区', '海淀区', '东城区', '西城区', '丰台区'],
    },
  },
  {
    weight: 14,
    value: {
      name: '上海市',
      province: '',
      areaCode: '21',
      districts: ['浦东新区', '徐汇区', '静安区', '黄浦区', '闵行区'],
    },
  },
  {
    weight: 10,
    value: {
      name: '深圳市',
      province: '广东省',
      areaCode: '755',
      districts: ['南山区', '福田区', '罗湖区', '宝安区', '龙岗区'],
    },
  },
  {
    weight: 10,
    value: {
      name: '广州市',
      province: '广东省',
      areaCode: '20',
      districts: ['天河区', '越秀区', '海珠区', '白云区'],
    },
  },
  {
    weight: 8,
    value: {
      name: '成都市',
      province: '四川省',
      areaCode: '28',
      districts: ['锦江区', '武侯区', '青羊区', '成华区'],
    },
  },
  {
    weight: 8,
    value: {
      name: '杭州市',
      province: '浙江省',
      areaCode: '571',
      districts: ['西湖区', '上城区', '拱墅区', '滨江区'],
    },
  },
  {
    weight: 7,
    value: {
      name: '武汉市',
      province: '湖北省',
      areaCode: '27',
      districts: ['武昌区', '江汉区', '洪山区', '汉阳区'],
    },
  },
  {
    weight: 7,
    value: {
      name: '南京市',
      province: '江苏省',
      areaCode: '25',
      districts: ['鼓楼区', '玄武区', '秦淮区', '建邺区'],
    },
  },
  {
    weight: 6,
    value: {
      name: '西安市',
      province: '陕西省',
      areaCode: '29',
      districts: ['雁塔区', '碑林区', '莲湖区', '未央区'],
    },
  },
  {
    weight: 6,
    value: {
      name: '重庆市',
      province: '',
      areaCode: '23',
      districts: ['渝中区', '江北区', '南岸区', '沙坪坝区'],
    },
  },
  {
    weight: 5,
    value: {
      name: '天津市',
      province: '',
      areaCode: '22',
      districts: ['和平区', '河西区', '南开区', '河北区'],
    },
  },
  {
    weight: 5,
    value: {
      name: '苏州市',
      province: '江苏省',
      areaCode: '512',
      districts: ['姑苏区', '吴中区', '工业园区'],
    },
  },
];
